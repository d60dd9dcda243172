import { isRecord, resolved, type BodySchema } from './body-schemas';

type Values = Readonly<Record<string, unknown>>;

/**
 * The form's values as the body the schema describes: free records (entered as key/value rows) become
 * objects, empty optional fields are left out, an empty nullable field is null.
 */
export function bodyFromValues(schema: BodySchema, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const property = resolved(raw);
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      if (property.nullable) body[name] = null;
      continue;
    }
    if (isRecord(property) && Array.isArray(value)) {
      body[name] = Object.fromEntries(
        value
          .filter(
            (entry): entry is { key: string; value: unknown } => typeof entry === 'object' && entry !== null,
          )
          .map((entry) => [entry.key, entry.value]),
      );
    } else if (property.type === 'object' && property.properties && typeof value === 'object') {
      const nested = bodyFromValues(property, value as Values);
      // An optional group left wholly empty (project figures a town need not give) is left out.
      if (Object.keys(nested).length > 0 || (schema.required?.includes(name) ?? false)) body[name] = nested;
    } else {
      body[name] = value;
    }
  }
  return body;
}
