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
  readonly additionalProperties?: BodySchema | boolean;
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

/** A property's own schema, following a `$ref` to a named one. */
export function resolved(schema: BodySchema): BodySchema {
  if (schema.$ref === undefined) return schema;
  return schemaNamed(schema.$ref.replace('#/components/schemas/', ''));
}

/** A record (`{ [code]: value }`) rather than an object with named properties. */
export function isRecord(schema: BodySchema): boolean {
  return (
    schema.type === 'object' &&
    schema.properties === undefined &&
    typeof schema.additionalProperties === 'object'
  );
}
