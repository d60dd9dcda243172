import request from 'supertest';
import type { App } from 'supertest/types';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';

describe('operations: request logs, request ids, security headers, rate limits', () => {
  let system: RunningSystem;
  let http: App;
  const lines: string[] = [];

  beforeAll(async () => {
    system = await startRunningSystem({
      requestLog: (line) => lines.push(line),
      settings: { publicRateLimit: { limit: 5, windowMs: 60_000 } },
    });
    http = system.app.getHttpServer();
  });
  afterAll(() => system.stop());

  it('logs one JSON line per request with its id, caller, status and duration', async () => {
    const token = await system.auth.tokenFor({ userId: 'u-ops', seat: 'county-official', county: 'lianhua' });
    lines.length = 0;
    const response = await request(http)
      .get('/api/towns?county=莲花县')
      .auth(token, { type: 'bearer' })
      .set('X-Request-Id', 'req-ops-1')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('req-ops-1');
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request',
        requestId: 'req-ops-1',
        method: 'GET',
        path: '/api/towns',
        status: 200,
        userId: 'u-ops',
        seat: 'county-official',
        county: 'lianhua',
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('makes up a request id when none (or an unusable one) is sent, and puts it in problems too', async () => {
    const generated = await request(http).get('/api/towns').expect(401);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
    const replaced = await request(http)
      .get('/api/towns')
      .set('X-Request-Id', 'bad id\twith spaces')
      .expect(401);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await request(http).get('/api/health/live').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('limits requests that need no sign-in, with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let limited: request.Response | undefined;
    for (let attempt = 0; attempt < 8 && !limited; attempt += 1) {
      const response = await request(http).get('/api/docs-json');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(limited?.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(5);
    // Signed-in requests are not counted against the public limit.
    const token = await system.auth.tokenFor({ seat: 'auditor' });
    await request(http).get('/api/programme/overview').auth(token, { type: 'bearer' }).expect(200);
  });
});
