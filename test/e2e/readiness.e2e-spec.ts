import request from 'supertest';
import type { App } from 'supertest/types';
import { startRunningSystem, waitUntilReady, type RunningSystem } from '../helpers/running-system';

const application = {
  name: '麻山汽车风情小镇',
  county: '芦溪县',
  kind: 'administrative-town',
  industry: 'leisure-tourism',
  batchId: '2017',
};

/**
 * `/api/health/ready` says 200 only when an official's request would be served: right after a start the
 * programme is still opening the batch whose window is open, and applications would get 409
 * BATCH_NOT_OPEN. (The read models' part is test/integration/read-models/startup-catch-up.int-spec.ts.)
 */
describe('readiness means ready', () => {
  let system: RunningSystem | undefined;
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  it('is 503 with Retry-After until the open window’s batch has opened; then the next application is accepted', async () => {
    system = await startRunningSystem({ programmeStarted: false });
    const http = system.app.getHttpServer() as App;
    const starting = await request(http).get('/api/health/ready');
    expect(starting.status).toBe(503);
    expect(starting.headers['retry-after']).toBe('1');
    expect(starting.body.checks).toMatchObject({
      temporal: { status: 'up' },
      eventStore: { status: 'up' },
      programme: { status: 'down', error: expect.stringContaining('batch 2017') },
    });

    await system.startProgramme();
    const ready = await waitUntilReady(system.app);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.programme).toEqual({ status: 'up' });
    const official = await system.auth.tokenFor({ seat: 'county-official', county: '芦溪县' });
    const applied = await request(http)
      .post('/api/towns')
      .auth(official, { type: 'bearer' })
      .send(application);
    expect(applied.status).toBe(201);
  });

  it('is 503 with Retry-After 5, naming the workers, while no worker answers', async () => {
    system = await startRunningSystem();
    const http = system.app.getHttpServer() as App;
    const ready = await request(http).get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.workers).toEqual({ status: 'up' });

    await system.stopWorker();
    const unanswered = await request(http).get('/api/health/ready');
    expect(unanswered.status).toBe(503);
    expect(unanswered.headers['retry-after']).toBe('5');
    expect(unanswered.body.checks).toMatchObject({
      temporal: { status: 'up' },
      workers: { status: 'down', error: expect.stringContaining('no worker answered') },
      programme: { status: 'down', error: expect.stringContaining('batch 2017') },
    });
  });
});
