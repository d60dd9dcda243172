import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { barredControls } from '../../../domain/shared/text-rule';
import { textPattern } from './text-rule';

/**
 * The format every free text carries in the OpenAPI document: well-formed Unicode in NFC without control
 * characters but tab and line breaks (text-rule.ts). The `pattern` beside it says the character half;
 * normalisation form C is what the format adds, which no pattern can say.
 */
export const textFormat = 'nfc-text';

/**
 * A required text must hold something other than white space: the deciders refuse a blank name or
 * reference, so the edge does too, and the document says so. `\uFEFF` is white space to JavaScript's
 * `trim` but not to every regular-expression engine's `\s`.
 */
export const nonBlankTextPattern = `^[^${barredControls}]*[^${barredControls}\\s\\uFEFF][^${barredControls}]*$`;

export interface TextFieldOptions {
  readonly maxLength: number;
  /** Absent from the body is fine; present, it may be empty. Default: required and not blank. */
  readonly optional?: boolean;
  readonly example?: string;
  readonly description?: string;
}

/** The OpenAPI schema of one text, required (not blank) or optional. */
export function textSchema(options: TextFieldOptions) {
  const required = options.optional !== true;
  return {
    type: 'string' as const,
    format: textFormat,
    maxLength: options.maxLength,
    ...(required ? { minLength: 1, pattern: nonBlankTextPattern } : { pattern: textPattern }),
  };
}

/**
 * An optional field of a body: absent is fine, `null` is not — it is no value of the field's type, and
 * class-validator's own `IsOptional` would let it through to the route as if it were one.
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

function NotBlank(each = false): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim() !== '',
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be blank`,
      },
    },
    { each },
  );
}

/**
 * One text field of a request body: a string, not blank unless optional, at most `maxLength` long, and
 * documented as such. The text rule itself is the edge's for every field (errors/validation.pipe.ts).
 */
export function TextField(options: TextFieldOptions): PropertyDecorator {
  const documented = {
    ...textSchema(options),
    ...(options.example === undefined ? {} : { example: options.example }),
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return options.optional === true
    ? applyDecorators(
        ApiPropertyOptional(documented),
        OptionalField(),
        IsString(),
        MaxLength(options.maxLength),
      )
    : applyDecorators(ApiProperty(documented), IsString(), NotBlank(), MaxLength(options.maxLength));
}

/** A list of required texts, between `minItems` and `maxItems` of them. */
export function TextListField(
  options: TextFieldOptions & { readonly minItems: number; readonly maxItems: number },
): PropertyDecorator {
  const { minItems, maxItems } = options;
  return applyDecorators(
    ApiProperty({
      type: 'array',
      items: textSchema(options),
      minItems,
      maxItems,
      ...(options.example === undefined ? {} : { example: [options.example] }),
      ...(options.description === undefined ? {} : { description: options.description }),
    }),
    IsArray(),
    ArrayMinSize(minItems),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    NotBlank(true),
    MaxLength(options.maxLength, { each: true }),
  );
}
