import request from 'supertest';
import type { App } from 'supertest/types';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { OpenApiContract, type OpenApiDocument } from './support/openapi-contract';

const application = {
  name: '湘东电瓷小镇',
  county: '湘东区',
  kind: 'administrative-town',
  industry: 'electrical-porcelain',
  batchId: '2017',
};

describe('the API keeps the contract its OpenAPI document states', () => {
  let system: RunningSystem;
  let http: App;
  let contract: OpenApiContract;
  let county: string;
  let auditor: string;

  beforeAll(async () => {
    system = await startRunningSystem();
    http = system.app.getHttpServer();
    const doc = await request(http).get('/api/docs-json').expect(200);
    contract = new OpenApiContract(doc.body as OpenApiDocument);
    county = await system.auth.tokenFor({ seat: 'county-official', county: 'xiangdong' });
    auditor = await system.auth.tokenFor({ seat: 'auditor' });
  });
  afterAll(() => system.stop());

  /** Sends the request and checks the answer against the document; returns it for further checks. */
  async function exchange(method: 'get' | 'post', template: string, test: request.Test, status: number) {
    const response = await test.expect(status);
    expect(contract.check(method, template, response)).toEqual([]);
    return response;
  }

  it('declares bearer authentication, and requires it everywhere but health', () => {
    expect(contract.document.openapi).toMatch(/^3\./);
    expect(contract.document.components.securitySchemes?.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const [path, operations] of Object.entries(contract.document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const open = path.startsWith('/api/health');
        expect({ route: `${method} ${path}`, secured: (operation.security ?? []).length > 0 }).toEqual({
          route: `${method} ${path}`,
          secured: !open,
        });
      }
    }
    expect(Object.keys(contract.document.paths)).toEqual(
      expect.arrayContaining([
        '/api/towns',
        '/api/towns/{townId}',
        '/api/towns/{townId}/history',
        '/api/programme/overview',
        '/api/deadlines',
        '/api/health/ready',
        '/api/programme',
        '/api/programme/closure',
        '/api/batches/{batchId}',
        '/api/batches/{batchId}/defence-scores',
        '/api/batches/{batchId}/list-decision',
        '/api/batches/{batchId}/publication',
        '/api/towns/{townId}/plan',
        '/api/towns/{townId}/plan/approval',
        '/api/towns/{townId}/plan/return',
        '/api/towns/{townId}/plan/extension',
        '/api/towns/{townId}/rewards/{reward}/payment',
        '/api/towns/{townId}/reviews/{year}/statistics',
        '/api/towns/{townId}/reviews/{year}/statistics-extension',
        '/api/towns/{townId}/reviews/{year}/rating',
        '/api/towns/{townId}/reviews/{year}/land-support',
        '/api/towns/{townId}/observation-recheck',
        '/api/towns/{townId}/progress-check',
        '/api/towns/{townId}/provincial-recommendation',
        '/api/towns/{townId}/provincial-decision',
        '/api/towns/{townId}/projects',
        '/api/towns/{townId}/projects/{projectId}/key-schedule',
        '/api/towns/{townId}/projects/{projectId}/approvals',
        '/api/towns/{townId}/projects/{projectId}/progress',
        '/api/towns/{townId}/funding',
        '/api/towns/{townId}/acceptance/inspections',
        '/api/towns/{townId}/acceptance/opinion',
        '/api/towns/{townId}/acceptance/deliberation',
      ]),
    );
  });

  it('answers a method the document does not declare with 405 and Allow, and OPTIONS with Allow', async () => {
    for (const [method, path, allow] of [
      ['delete', '/api/towns', 'GET, POST, HEAD, OPTIONS'],
      ['put', '/api/towns/7f000000-0000-4000-8000-000000000000/plan', 'POST, OPTIONS'],
      ['patch', '/api/programme/overview', 'GET, HEAD, OPTIONS'],
    ] as const) {
      const refused = await request(http)[method](path).auth(auditor, { type: 'bearer' }).expect(405);
      expect({ path, allow: refused.headers.allow, code: refused.body.code }).toEqual({
        path,
        allow,
        code: 'METHOD_NOT_ALLOWED',
      });
    }
    const options = await request(http).options('/api/batches/2017').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
    await request(http).delete('/api/no-such-thing').auth(auditor, { type: 'bearer' }).expect(404);
  });

  it("says what the server enforces: the pack's codes, the ids' form, no fields but a body's own", () => {
    const schemas = contract.document.components.schemas as Record<string, Record<string, unknown>>;
    const property = (schema: string, name: string) =>
      (schemas[schema]?.properties as Record<string, Record<string, unknown>>)[name];
    expect(property('ApplyForTownDto', 'county')?.enum).toEqual(
      expect.arrayContaining(['luxi', '芦溪县', '芦溪']),
    );
    expect(property('DefenceScoreDto', 'scores')).toMatchObject({
      required: system.policy.selection.criteria.map((criterion) => criterion.code),
      additionalProperties: false,
    });
    expect(schemas.ApplyForTownDto?.additionalProperties).toBe(false);
    expect(property('ApplyForTownDto', 'name')).toMatchObject({
      format: 'nfc-text',
      minLength: 1,
      maxLength: 100,
    });
    const town = contract.document.paths['/api/towns/{townId}']?.get as unknown as {
      parameters: { name: string; schema: Record<string, unknown> }[];
    };
    expect(town.parameters.find((parameter) => parameter.name === 'townId')?.schema).toMatchObject({
      format: 'uuid',
      pattern: expect.any(String),
    });
  });

  it('calls invalid the bodies the API refuses as malformed, and valid their corrections', async () => {
    const restricted = { ...application, declarations: { 'distinct-from-towns-and-parks': '不是园区' } };
    expect(contract.bodyProblems('ApplyForTownDto', restricted)).not.toEqual([]);
    const refused = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .send(restricted)
      .expect(400);
    expect(refused.body.errors[0].field).toBe('declarations.distinct-from-towns-and-parks');
    expect(contract.bodyProblems('ApplyForTownDto', { ...restricted, kind: 'innovation-platform' })).toEqual(
      [],
    );
  });

  it('calls invalid an `other` industry described by white space only, as the API does', async () => {
    const blank = { ...application, industry: 'other', industryDescription: ' ' };
    expect(contract.bodyProblems('ApplyForTownDto', blank)).not.toEqual([]);
    const refused = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .send(blank)
      .expect(400);
    expect(refused.body.code).toBe('INDUSTRY_DESCRIPTION_REQUIRED');
    expect(contract.bodyProblems('ApplyForTownDto', { ...blank, industryDescription: '竹编工艺' })).toEqual(
      [],
    );
  });

  it("calls valid only an acceptance opinion with a finding on each of the pack's criteria", () => {
    const criteria = (system.policy.finalAcceptance.criteria ?? []).map((criterion) => criterion.code);
    const findings = criteria.map((criterion) => ({ criterion, met: true, finding: '已完成' }));
    const opinion = { recommendation: 'accept', opinion: '达到验收要求' };
    expect(contract.bodyProblems('AcceptanceOpinionDto', { ...opinion, findings })).toEqual([]);
    expect(contract.bodyProblems('AcceptanceOpinionDto', opinion)).not.toEqual([]);
    expect(
      contract.bodyProblems('AcceptanceOpinionDto', { ...opinion, findings: findings.slice(1) }),
    ).not.toEqual([]);
  });

  it('matches for every answer of the endpoints, successes and problems alike', async () => {
    const bearer = (test: request.Test, token: string) => test.auth(token, { type: 'bearer' });
    const applied = await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), county).send(application),
      201,
    );
    const townId = applied.body.townId as string;
    await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), county).send({ ...application, kind: 1 }),
      400,
    );
    await exchange('post', '/api/towns', request(http).post('/api/towns').send(application), 401);
    await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), auditor).send(application),
      403,
    );
    await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), county).send({ ...application, batchId: '2018' }),
      409,
    );
    await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), county).set('Idempotency-Key', 'k1').send(application),
      201,
    );
    await exchange(
      'post',
      '/api/towns',
      bearer(request(http).post('/api/towns'), county)
        .set('Idempotency-Key', 'k1')
        .send({ ...application, name: 'x' }),
      422,
    );

    const min = (test: request.Test) => test.set('X-Min-Position', applied.body.positions[0] as string);
    await exchange('get', '/api/towns', min(bearer(request(http).get('/api/towns?sort=name'), auditor)), 200);
    await exchange('get', '/api/towns', bearer(request(http).get('/api/towns?pageSize=500'), auditor), 400);
    await exchange(
      'get',
      '/api/towns/{townId}',
      min(bearer(request(http).get(`/api/towns/${townId}`), auditor)),
      200,
    );
    const otherCounty = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    /** The reads and their answers: the path as the document names it, the URL asked, by whom, and the status. */
    const reads: readonly (readonly [string, string, string, number])[] = [
      ['/api/towns/{townId}', `/api/towns/${townId}`, otherCounty, 403],
      ['/api/towns/{townId}', '/api/towns/7f000000-0000-4000-8000-000000000000', auditor, 404],
      ['/api/towns/{townId}/history', `/api/towns/${townId}/history`, auditor, 200],
      ['/api/towns/{townId}/history', '/api/towns/nope/history', auditor, 400],
      ['/api/programme/overview', '/api/programme/overview', auditor, 200],
      ['/api/deadlines', '/api/deadlines?within=366d', auditor, 200],
    ];
    for (const [path, url, token, status] of reads) {
      await exchange('get', path, bearer(request(http).get(url), token), status);
    }
    await exchange('get', '/api/health/live', request(http).get('/api/health/live'), 200);
    await exchange('get', '/api/health/ready', request(http).get('/api/health/ready'), 200);
  });
});
