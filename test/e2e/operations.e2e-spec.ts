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
      settings: {
        publicRateLimit: { limit: 5, windowMs: 60_000 },
        callerRateLimits: {
          commands: { limit: 3, windowMs: 60_000 },
          heavyReads: { limit: 3, windowMs: 60_000 },
        },
      },
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

  it('never limits health, whatever the documents have used up', async () => {
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await request(http).get('/api/health/live').expect(200);
    }
    await request(http).get('/api/docs-json').expect(429);
    await request(http).get('/api/health/ready').expect(200);
  });

  it('limits each caller’s commands and heavy reads, not their reads of the read models nor other callers', async () => {
    const [county, other] = await Promise.all([
      system.auth.tokenFor({ userId: 'u-limited', seat: 'county-official', county: 'luxi' }),
      system.auth.tokenFor({ userId: 'u-other', seat: 'county-official', county: 'luxi' }),
    ]);
    const command = (token: string) =>
      request(http).post('/api/towns').auth(token, { type: 'bearer' }).send({ county: '芦溪县' });
    for (let attempt = 0; attempt < 3; attempt += 1) await command(county).expect(400);
    const limited = await command(county).expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await command(other).expect(400);

    const heavy = (token: string) => request(http).get('/api/programme').auth(token, { type: 'bearer' });
    for (let attempt = 0; attempt < 3; attempt += 1) await heavy(county).expect(200);
    await heavy(county).expect(429);
    await heavy(other).expect(200);
    await request(http).get('/api/towns').auth(county, { type: 'bearer' }).expect(200);
  });
});

describe('operations behind a proxy: whose address a limit counts', () => {
  const documents = (system: RunningSystem, forwardedFor: string) =>
    request(system.app.getHttpServer()).get('/api/docs-json').set('X-Forwarded-For', forwardedFor);

  it('believes X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const limits = { publicRateLimit: { limit: 2, windowMs: 60_000 } };
    const trusting = await startRunningSystem({ settings: { ...limits, trustProxy: true } });
    const direct = await startRunningSystem({ settings: limits });
    try {
      // Behind a trusted proxy each client is counted on its own…
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
        await documents(trusting, client).expect(200);
        await documents(trusting, client).expect(200);
      }
      await documents(trusting, '203.0.113.1').expect(429);
      // …without one, the header is anyone's to write and counts for nothing.
      await documents(direct, '203.0.113.1').expect(200);
      await documents(direct, '203.0.113.2').expect(200);
      await documents(direct, '203.0.113.3').expect(429);
    } finally {
      await trusting.stop();
      await direct.stop();
    }
  });

  it('a setting express refuses while the API is built fails the build, not the whole process', async () => {
    // Checked at start-up (process-settings.ts); unchecked, express refuses it only here, when npm start
    // has its dev server and worker running: it must hear of it to stop them, not be ended by Nest.
    const system = await startRunningSystem();
    try {
      await expect(system.startAnotherApi({ trustProxy: 'weird' })).rejects.toThrow(
        'invalid IP address: weird',
      );
      await request(system.app.getHttpServer()).get('/api/health/live').expect(200);
    } finally {
      await system.stop();
    }
  });
});
