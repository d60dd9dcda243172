import type { OpenAPI3, SchemaObject } from 'openapi-typescript';
import { dtoClasses } from '../../helpers/api-dto-classes';
import { ProblemException } from '../../../apps/api/errors/problem';
import { RequestValidationPipe } from '../../../apps/api/errors/validation.pipe';
import {
  buildOpenApiDocument,
  offlineDocumentPolicy,
  referencedSchemas,
  requestBodySchemas,
} from '../../../scripts/offline-openapi-document';

/** The properties a schema requires; of a choice of schemas (`oneOf`), those every choice requires. */
function requiredOf(schema: SchemaObject): string[] {
  const choices = 'oneOf' in schema && schema.oneOf ? (schema.oneOf as SchemaObject[]) : [schema];
  const [first, ...rest] = choices.map((choice) => ('required' in choice ? (choice.required ?? []) : []));
  return (first ?? []).filter((name) => rest.every((other) => other.includes(name))).sort();
}

const pipe = new RequestValidationPipe(offlineDocumentPolicy);

/** The fields validation refuses `body` with, each with its code; none when it takes the body. */
async function refusedFields(body: unknown, metatype: unknown): Promise<[string, string][]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: metatype as new () => unknown });
    return [];
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    return (error.problem.errors ?? []).map(({ field, code }) => [field, code]);
  }
}

/**
 * The OpenAPI document says which properties of every body are required; the validation pipe must refuse
 * exactly those when they are left out, each once, as REQUIRED — no fewer (a body the server takes that the
 * document refuses) and no more (a body the document allows that the server refuses). The same for the
 * objects keyed by the pack's codes inside a body (plan documents, defence scores, conditions).
 */
describe('what the document requires of a body is what validation refuses when it is left out', () => {
  let document: OpenAPI3;
  let schemas: Record<string, SchemaObject>;
  let classes: Map<string, unknown>;

  beforeAll(async () => {
    classes = await dtoClasses();
    document = await buildOpenApiDocument();
    schemas = referencedSchemas(document, [...new Set(Object.values(requestBodySchemas(document)))]);
  }, 60_000);

  it('finds the class of every schema a request body has or refers to', () => {
    expect(Object.keys(schemas).length).toBeGreaterThan(20);
    expect(Object.keys(schemas).filter((name) => !classes.has(name))).toEqual([]);
  });

  it('refuses an empty body naming exactly the required properties, each once, as REQUIRED', async () => {
    const mismatches: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      const refused = await refusedFields({}, classes.get(name));
      const expected = requiredOf(schema).map((field) => [field, 'REQUIRED']);
      if (JSON.stringify(refused.sort()) !== JSON.stringify(expected)) {
        mismatches.push(`${name}: document ${JSON.stringify(expected)}, server ${JSON.stringify(refused)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses an empty object of pack codes naming exactly the codes the document requires in it', async () => {
    const checked: string[] = [];
    const mismatches: string[] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      const properties = ('properties' in schema ? (schema.properties ?? {}) : {}) as Record<
        string,
        SchemaObject
      >;
      for (const [property, inner] of Object.entries(properties)) {
        if (!('required' in inner) || !inner.required?.length) continue;
        checked.push(`${name}.${property}`);
        const refused = (await refusedFields({ [property]: {} }, classes.get(name))).filter(([field]) =>
          field.startsWith(`${property}.`),
        );
        const expected = [...inner.required].sort().map((code) => [`${property}.${code}`, 'REQUIRED']);
        if (JSON.stringify(refused.sort()) !== JSON.stringify(expected)) {
          mismatches.push(
            `${name}.${property}: document ${JSON.stringify(expected)}, server ${JSON.stringify(refused)}`,
          );
        }
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'SubmitPlanDto.documents',
        'DefenceScoreDto.scores',
        'DefenceScoreDto.conditions',
      ]),
    );
    expect(mismatches).toEqual([]);
  });
});
