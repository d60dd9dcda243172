import request from 'supertest';
import type { App } from 'supertest/types';
import { mashanApplication } from '../helpers/http-officials';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { townDecider } from '../../domain/town';

const validApplication = mashanApplication;

describe('A county official applies for a town over HTTP', () => {
  let system: RunningSystem;
  let http: App;
  let luxiOfficial: string;
  let auditor: string;

  beforeAll(async () => {
    system = await startRunningSystem();
    http = system.app.getHttpServer();
    luxiOfficial = await system.auth.tokenFor({
      userId: 'luxi-official-1',
      seat: 'county-official',
      county: '芦溪县',
    });
    auditor = await system.auth.tokenFor({ seat: 'auditor' });
  });
  afterAll(() => system.stop());

  /** Workflows started on this file's task queue, as Temporal's visibility store knows them. */
  async function workflowsStarted(): Promise<number> {
    let count = 0;
    for await (const _ of system.client.workflow.list({ query: `TaskQueue = '${system.taskQueue}'` }))
      count += 1;
    return count;
  }

  it('starts the town workflow, records TownApplied, and serves it in the history', async () => {
    const applied = await request(http)
      .post('/api/towns')
      .auth(luxiOfficial, { type: 'bearer' })
      .set('X-Request-Id', 'req-apply-1')
      .send(validApplication)
      .expect(201);
    expect(applied.headers['x-request-id']).toBe('req-apply-1');
    expect(applied.headers['location']).toBe(`/api/towns/${applied.body.townId}`);
    const townId = applied.body.townId as string;
    expect(townId).toMatch(/^[0-9a-f-]{36}$/);
    expect(applied.body.positions).toHaveLength(1);

    const history = await request(http)
      .get(`/api/towns/${townId}/history`)
      .auth(auditor, { type: 'bearer' })
      .expect(200);
    expect(history.body.events).toHaveLength(1);
    const [event] = history.body.events;
    expect(event).toMatchObject({
      id: applied.body.eventIds[0],
      type: 'TownApplied',
      streamVersion: 0,
      globalPosition: applied.body.positions[0],
      actor: { userId: 'luxi-official-1', seat: 'county-official', county: 'luxi' },
      correlationId: 'req-apply-1',
      causationId: expect.any(String),
      policy: { id: expect.stringMatching(/^pingxiang-2017-rehearsal-/) },
      // The step's command, as the town decided it: what an auditor's re-decision starts from.
      command: {
        type: 'ApplyForTown',
        data: expect.objectContaining({ townId, name: validApplication.name }),
      },
      data: expect.objectContaining({ townId, county: 'luxi', name: validApplication.name }),
    });
    expect(BigInt(event.globalPosition)).toBeGreaterThan(0n);
    expect(Date.parse(event.occurredAt)).not.toBeNaN();
    expect(Date.parse(event.recordedAt)).not.toBeNaN();

    const described = await system.client.workflow.getHandle(townDecider.streamOf(townId)).describe();
    expect(described.status.name).toBe('RUNNING');
  });

  describe('bad input gets a 400 naming the field, and nothing is started or appended', () => {
    const cases: Array<[string, (r: request.Test) => request.Test, string, string]> = [
      [
        'malformed JSON',
        (r) => r.set('Content-Type', 'application/json').send('{"name": "x",'),
        'body',
        'MALFORMED_JSON',
      ],
      ['a missing field', (r) => r.send({ ...validApplication, name: undefined }), 'name', 'REQUIRED'],
      ['a wrong-typed field', (r) => r.send({ ...validApplication, kind: 7 }), 'kind', 'INVALID_IS_IN'],
      ['an unknown field', (r) => r.send({ ...validApplication, budget: 1 }), 'budget', 'UNKNOWN_FIELD'],
      [
        'an unknown county',
        (r) => r.send({ ...validApplication, county: '南昌县' }),
        'county',
        'COUNTY_UNKNOWN',
      ],
    ];

    it.each(cases)('%s', async (_label, send, field, code) => {
      const before = await system.store.readAll();
      const startedBefore = await workflowsStarted();
      const response = await send(
        request(http).post('/api/towns').auth(luxiOfficial, { type: 'bearer' }),
      ).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code })]),
      );
      expect(response.body).not.toHaveProperty('stack');
      expect(await system.store.readAll()).toHaveLength(before.length);
      expect(await workflowsStarted()).toBe(startedBefore);
    });

    it('a bad Idempotency-Key', async () => {
      const response = await request(http)
        .post('/api/towns')
        .auth(luxiOfficial, { type: 'bearer' })
        .set('Idempotency-Key', 'has spaces')
        .send(validApplication)
        .expect(400);
      expect(response.body).toMatchObject({
        code: 'INVALID_IDEMPOTENCY_KEY',
        errors: [{ field: 'header:Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY' }],
      });
    });
  });

  it('answers 404 for an unknown town and 400 for a town id that is not a UUID', async () => {
    const missing = await request(http)
      .get('/api/towns/7f000000-0000-4000-8000-000000000000/history')
      .auth(auditor, { type: 'bearer' })
      .expect(404);
    expect(missing.body.code).toBe('TOWN_NOT_FOUND');
    const bad = await request(http)
      .get('/api/towns/not-a-uuid/history')
      .auth(auditor, { type: 'bearer' })
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'townId', code: 'INVALID_UUID' });
  });

  it('serves its OpenAPI document and Swagger UI', async () => {
    const doc = await request(http).get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/towns', '/api/towns/{townId}/history', '/api/health/ready']),
    );
    const ui = await request(http).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('reports liveness and readiness of Temporal and the event store', async () => {
    await request(http).get('/api/health/live').expect(200, { status: 'up' });
    const ready = await request(http).get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'up',
      checks: { temporal: { status: 'up' }, eventStore: { status: 'up' } },
    });
  });
});
