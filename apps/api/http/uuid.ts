import type { PipeTransform } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { validationProblem, type FieldProblem, type ProblemException } from '../errors/problem';

/**
 * An id as the API takes it (towns, jobs): a UUID in its textual form, any version (ids derived from an
 * Idempotency-Key are version 8). One pattern for paths, bodies and the OpenAPI document; an id that
 * names nothing is a 404, not a 400.
 */
export const uuidPattern = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const uuidRegex = new RegExp(uuidPattern);

/** A UUID in an OpenAPI schema. */
export const uuidProperty = { type: 'string' as const, format: 'uuid', pattern: uuidPattern };

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidRegex.test(value);
}

export function invalidUuidProblem(field: string): FieldProblem {
  return { field, code: 'INVALID_UUID', message: `${field} must be a UUID` };
}

export function invalidUuid(field: string): ProblemException {
  return validationProblem([invalidUuidProblem(field)]);
}

/** A UUID in the path. */
export function uuidPipe(field: string): PipeTransform<unknown, string> {
  return {
    transform(value: unknown): string {
      if (!isUuid(value)) throw invalidUuid(field);
      return value;
    },
  };
}

/** A UUID in a request body (or each of a list's, with `{ each: true }`). */
export function IsUuid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'uuid',
      validator: {
        validate: isUuid,
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a UUID`,
      },
    },
    options,
  );
}
