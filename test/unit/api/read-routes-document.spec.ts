import type { OpenAPI3, OperationObject, ParameterObject } from 'openapi-typescript';
import { buildOpenApiDocument } from '../../../scripts/offline-openapi-document';

/** Every GET operation of the document, by its path. */
function getOperations(document: OpenAPI3): [string, OperationObject][] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    item && 'get' in item && item.get
      ? [[path, item.get as OperationObject] as [string, OperationObject]]
      : [],
  );
}

const headerNames = (operation: OperationObject): string[] =>
  ((operation.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'header').map((p) => p.name);

describe('what the document says of reads', () => {
  let document: OpenAPI3;

  beforeAll(async () => {
    document = await buildOpenApiDocument();
  }, 60_000);

  it.each(['/api/towns/{townId}/progress', '/api/my-work', '/api/towns/{townId}', '/api/deadlines'])(
    'documents X-Min-Position on %s, which honours it, and the 400 a bad one gets',
    (path) => {
      const operation = getOperations(document).find(([each]) => each === path)?.[1];
      expect(operation).toBeDefined();
      expect(headerNames(operation as OperationObject)).toContain('X-Min-Position');
      expect(Object.keys((operation as OperationObject).responses ?? {})).toContain('400');
    },
  );

  it('gives every read that documents X-Min-Position its 400', () => {
    const reads = getOperations(document).filter(([, operation]) =>
      headerNames(operation).includes('X-Min-Position'),
    );
    expect(reads.length).toBeGreaterThan(5);
    for (const [path, operation] of reads) {
      expect({ path, responses: Object.keys(operation.responses ?? {}) }).toEqual({
        path,
        responses: expect.arrayContaining(['400']),
      });
    }
  });

  it("names no town, county or subject in the public training clock's deadline", () => {
    const schema = document.components?.schemas?.TrainingClockDeadlineDto;
    expect(schema).toBeDefined();
    expect(Object.keys((schema as { properties: object }).properties).sort()).toEqual([
      'dueAt',
      'fires',
      'name',
      'scope',
    ]);
  });
});
