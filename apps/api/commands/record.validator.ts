import { ValidateBy, type ValidationOptions } from 'class-validator';

const maxEntries = 100;
const maxKeyLength = 100;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON object whose values are all strings (document references), all finite numbers (statistics,
 * scores) or all booleans (findings on the pack's conditions): the domain keys these by the pack's
 * codes, which the route or the decider checks against the pack.
 */
export function IsRecordOf(
  kind: 'string' | 'number' | 'boolean',
  range: { readonly min?: number; readonly max?: number; readonly keyPattern?: string } = {},
  options?: ValidationOptions,
): PropertyDecorator {
  const keys = range.keyPattern === undefined ? undefined : new RegExp(range.keyPattern);
  return ValidateBy(
    {
      name: `isRecordOf${kind === 'string' ? 'Strings' : kind === 'number' ? 'Numbers' : 'Booleans'}`,
      validator: {
        validate: (value: unknown) =>
          isPlainRecord(value) &&
          Object.keys(value).length <= maxEntries &&
          Object.entries(value).every(
            ([key, entry]) =>
              key.length > 0 &&
              key.length <= maxKeyLength &&
              (keys === undefined || keys.test(key)) &&
              (kind === 'string'
                ? typeof entry === 'string' && entry.trim() !== '' && entry.length <= 500
                : kind === 'boolean'
                  ? typeof entry === 'boolean'
                  : typeof entry === 'number' &&
                    Number.isFinite(entry) &&
                    (range.min === undefined || entry >= range.min) &&
                    (range.max === undefined || entry <= range.max)),
          ),
        defaultMessage: (args) =>
          kind === 'string'
            ? `${args?.property ?? 'value'} must be an object of non-empty strings`
            : kind === 'boolean'
              ? `${args?.property ?? 'value'} must be an object of booleans`
              : `${args?.property ?? 'value'} must be an object of numbers` +
                (range.min !== undefined || range.max !== undefined
                  ? ` between ${range.min ?? '-∞'} and ${range.max ?? '∞'}`
                  : ''),
      },
    },
    options,
  );
}
