import bodies from '../api/generated/request-bodies.json';

/** The subset of JSON Schema the API's request bodies use (OpenAPI 3.0 flavour). */
export interface BodySchema {
  readonly type?: string;
  readonly $ref?: string;
  readonly enum?: readonly unknown[];
  readonly nullable?: boolean;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly items?: BodySchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly allOf?: readonly BodySchema[];
  readonly additionalProperties?: BodySchema | boolean;
  /** A record whose keys follow a pattern (figures by name): one value schema for every key. */
  readonly patternProperties?: Readonly<Record<string, BodySchema>>;
  readonly properties?: Readonly<Record<string, BodySchema>>;
  readonly required?: readonly string[];
}

const catalogue = bodies as unknown as {
  readonly bodies: Readonly<Record<string, string>>;
  readonly schemas: Readonly<Record<string, BodySchema>>;
};

/** The schema of an operation's body, by `post /api/...` key, exactly as the API documents it. */
export function bodySchemaName(operation: string): string {
  const name = catalogue.bodies[operation];
  if (name === undefined) throw new Error(`The API documents no JSON body for ${operation}`);
  return name;
}

export function schemaNamed(name: string): BodySchema {
  return catalogue.schemas[name] ?? {};
}

/**
 * A property's own schema, following a `$ref` to a named one. A described reference is written
 * `{ description, allOf: [{ $ref }] }` (a `$ref` takes no siblings in OpenAPI 3.0): the one schema inside.
 */
export function resolved(schema: BodySchema): BodySchema {
  const [only, ...others] = schema.allOf ?? [];
  if (only !== undefined && others.length === 0) return resolved(only);
  if (schema.$ref === undefined) return schema;
  return schemaNamed(schema.$ref.replace('#/components/schemas/', ''));
}

/** A record's value schema: its `additionalProperties`, or the one schema of its `patternProperties`. */
export function recordValueSchema(schema: BodySchema): BodySchema | undefined {
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  const patterns = Object.values(schema.patternProperties ?? {});
  return patterns.length === 1 ? patterns[0] : undefined;
}

/** A record (`{ [code]: value }`) rather than an object with named properties. */
export function isRecord(schema: BodySchema): boolean {
  return (
    schema.type === 'object' && schema.properties === undefined && recordValueSchema(schema) !== undefined
  );
}

/**
 * An array of objects with one item per code of an enumerated property, each code once (an opinion's
 * finding on each acceptance criterion): the property that names the item, and the codes.
 */
export function oneItemPerCode(schema: BodySchema): { key: string; codes: readonly string[] } | undefined {
  if (schema.type !== 'array' || schema.items === undefined) return undefined;
  const item = resolved(schema.items);
  if (item.type !== 'object' || item.properties === undefined) return undefined;
  for (const [key, property] of Object.entries(item.properties)) {
    const codes = resolved(property).enum;
    const required = item.required?.includes(key) ?? false;
    if (
      required &&
      codes !== undefined &&
      schema.maxItems === codes.length &&
      schema.minItems === codes.length
    )
      return { key, codes: codes.map(String) };
  }
  return undefined;
}
