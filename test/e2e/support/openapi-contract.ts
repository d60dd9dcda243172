import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<
    string,
    Record<string, { security?: unknown[]; responses: Record<string, JsonObject> }>
  >;
  readonly components: { schemas: Record<string, Json>; securitySchemes?: Record<string, JsonObject> };
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 schemas as JSON Schema for ajv: `nullable` becomes a `null` alternative, and objects that
 * list their properties admit no others, so a field the document does not describe fails the check.
 */
function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  const converted: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example') continue;
    converted[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]))
        : toJsonSchema(value);
  }
  if (isObject(converted.properties) && converted.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }
  if (schema.nullable !== true) return converted;
  // A nullable reference (`{ nullable, type: object, allOf: [$ref] }`): the reference, or null.
  if (converted.allOf !== undefined || converted.$ref !== undefined) {
    const { type: _type, ...rest } = converted;
    return { anyOf: [rest, { type: 'null' }] };
  }
  if (typeof converted.type === 'string') {
    const { enum: values, ...rest } = converted;
    return {
      ...rest,
      type: [converted.type, 'null'],
      ...(Array.isArray(values) ? { enum: [...values, null] } : {}),
    };
  }
  return { anyOf: [converted, { type: 'null' }] };
}

/** Checks response bodies against the schemas the API's own OpenAPI document declares for them. */
export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly schemas: Record<string, Json>;

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.schemas = Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema)]),
    );
  }

  /**
   * Problems with a request body of the named schema, as readable strings; empty when the document admits
   * it. The schemas as the document states them: a request body says for itself which fields it closes.
   */
  bodyProblems(schema: string, body: unknown): string[] {
    return this.problems(`body ${schema}`, { $ref: `#/components/schemas/${schema}` }, body, {
      schemas: this.document.components.schemas,
    });
  }

  /** Problems with the response, as readable strings; empty when it matches the document. */
  check(
    method: string,
    path: string,
    response: { status: number; headers: Record<string, string>; body: unknown },
  ): string[] {
    const operation = this.document.paths[path]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not in the document`];
    const declared = operation.responses[String(response.status)];
    if (!declared) return [`${method} ${path} does not document status ${response.status}`];
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0] ?? '';
    const content = declared.content;
    const schema = isObject(content) ? content[mediaType] : undefined;
    if (!isObject(schema) || schema.schema === undefined) {
      return [`${method} ${path} ${response.status} declares no schema for ${mediaType}`];
    }
    const key = `${method} ${path} ${response.status} ${mediaType}`;
    return this.problems(key, toJsonSchema(schema.schema) as JsonObject, response.body, {
      schemas: this.schemas,
    });
  }

  /** Validates `value` against `schema` (compiled once per key) with the given components. */
  private problems(
    key: string,
    schema: JsonObject,
    value: unknown,
    components: { schemas: Record<string, Json> },
  ): string[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, components });
      this.compiled.set(key, validate);
    }
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          (error) =>
            `${key}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        );
  }
}
