import type { ErrorObject, ValidateFunction } from 'ajv';
import type { TFunction } from 'i18next';
import * as validators from '../api/generated/request-validators';

export interface FieldError {
  readonly name: (string | number)[];
  readonly message: string;
}

const byName: Readonly<Record<string, ValidateFunction>> = validators;

/** A field's path as the form names it: `/projectProgress/jobs` → ['projectProgress', 'jobs']. */
function fieldPath(error: ErrorObject): string[] {
  const path = error.instancePath.split('/').filter(Boolean);
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  return typeof missing === 'string' ? [...path, missing] : path;
}

function limitOf(error: ErrorObject): unknown {
  const params = error.params as { limit?: unknown };
  return params.limit;
}

/**
 * Checks a body with the validator compiled from the API's own schema for it, and says what is wrong
 * field by field in the chosen language. Empty: the body conforms (the server may still refuse a rule).
 */
export function validateBody(
  schemaName: string,
  body: unknown,
  t: TFunction,
  /** A field's name where the pack gives it (a criterion's, a plan document's), before the catalogue's. */
  packLabel: (code: string) => string | undefined = () => undefined,
): FieldError[] {
  const validate = byName[schemaName];
  if (!validate) throw new Error(`No validator for ${schemaName}`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map((error) => {
    const name = fieldPath(error);
    const last = name[name.length - 1] ?? '';
    const field = packLabel(last) ?? t(`field.${last}`, { defaultValue: last });
    const known = [
      'required',
      'maxLength',
      'minLength',
      'minimum',
      'maximum',
      'enum',
      'type',
      'pattern',
      'minItems',
      'maxItems',
    ];
    const key = known.includes(error.keyword) ? error.keyword : 'other';
    return { name, message: t(`validation.${key}`, { field, limit: limitOf(error) }) };
  });
}

/** The same check as a type guard, so a body is sent under its documented type only once it conforms. */
export function conforms<T>(schemaName: string, body: unknown): body is T {
  return byName[schemaName]?.(body) === true;
}
