import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createServer, type Http2Server, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createApi } from '../../apps/api/create-api';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { freePort } from '../../infra/temporal/port-utils';
import { interactiveConnectionOptions } from '../../infra/temporal/temporal-connection';
import { createTestAuth, type TestAuth } from '../helpers/running-system';
import { testTemporal, uniqueTaskQueue } from '../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../helpers/test-policy';

const application = {
  name: '上栗花炮小镇',
  county: '上栗县',
  kind: 'administrative-town',
  industry: 'fireworks',
  batchId: '2017',
};

const policy = pingxiangRehearsalOpeningToday();
const auth: TestAuth = createTestAuth(policy);

/** An API whose dependencies are real clients pointed at whatever the test says. */
async function apiWith(client: Client, store: EventStore): Promise<NestExpressApplication> {
  const app = await createApi(
    { client, store, verifier: auth.verifier, settings: { taskQueue: uniqueTaskQueue('outage'), policy } },
    { logger: false, requestLog: false },
  );
  await app.init();
  return app;
}

describe('when a dependency is down the API answers 503 with a clear message', () => {
  let token: string;
  beforeAll(async () => {
    token = await auth.tokenFor({ userId: 'sl-1', seat: 'county-official', county: 'shangli' });
  });

  /** Applies for a town while a dependency is down: 503 with `code`, and readiness names what is down. */
  async function applyWhileDown(app: NestExpressApplication, code: string, checks: Record<string, unknown>) {
    const http = app.getHttpServer() as App;
    const applied = await request(http)
      .post('/api/towns')
      .auth(token, { type: 'bearer' })
      .send(application)
      .expect(503);
    expect(applied.body).toMatchObject({ code, status: 503 });
    expect(applied.headers['retry-after']).toBe('5');
    const ready = await request(http).get('/api/health/ready').expect(503);
    expect(ready.body.checks).toMatchObject(checks);
    return applied;
  }

  it('Temporal unreachable: 503 TEMPORAL_UNAVAILABLE, readiness down, nothing written', async () => {
    const connection = Connection.lazy(interactiveConnectionOptions(`127.0.0.1:${await freePort()}`));
    const client = new Client({ connection, namespace: 'towns' });
    const store = await createEventStore({ kind: 'pglite' });
    const app = await apiWith(client, store);
    try {
      const applied = await applyWhileDown(app, 'TEMPORAL_UNAVAILABLE', {
        temporal: { status: 'down' },
        eventStore: { status: 'up' },
      });
      expect(JSON.stringify(applied.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(await store.readAll()).toHaveLength(0);
    } finally {
      await app.close();
      await connection.close();
      await store.close();
    }
  });

  it('event store unreachable: 503 EVENT_STORE_UNAVAILABLE, readiness down, no workflow started', async () => {
    const temporal = testTemporal();
    const connection = await Connection.connect({ address: temporal.address });
    const client = new Client({ connection, namespace: temporal.namespace });
    const store = await createEventStore({
      kind: 'postgres',
      url: `postgres://towns:towns@127.0.0.1:${await freePort()}/towns`,
    });
    const app = await apiWith(client, store);
    try {
      await applyWhileDown(app, 'EVENT_STORE_UNAVAILABLE', {
        temporal: { status: 'up' },
        eventStore: { status: 'down' },
      });
    } finally {
      await app.close();
      await connection.close();
      await store.close();
    }
  });

  /** The API in front of `front`, over the API's own connection options; everything closed after `use`. */
  async function behind(front: Http2Server, use: (http: App) => Promise<void>): Promise<void> {
    const { port } = front.address() as AddressInfo;
    const connection = Connection.lazy(interactiveConnectionOptions(`127.0.0.1:${port}`));
    const store = await createEventStore({ kind: 'pglite' });
    const app = await apiWith(new Client({ connection, namespace: 'towns' }), store);
    try {
      await use(app.getHttpServer());
    } finally {
      await app.close();
      await connection.close();
      await store.close();
      if (front.listening) await new Promise((resolve) => front.close(resolve));
    }
  }
  const apply = (http: App, key?: string) => {
    const sent = request(http).post('/api/towns').auth(token, { type: 'bearer' });
    return (key ? sent.set('Idempotency-Key', key) : sent).send(application).then((answer) => answer);
  };

  it('an Update the server aborted after receiving it: 503 STEP_OUTCOME_UNKNOWN, not "nothing written"', async () => {
    await behind(await abortingFrontEnd(), async (http) => {
      const applied = await apply(http, 'aborted-by-the-server');
      expect(applied.body).toMatchObject({ code: 'STEP_OUTCOME_UNKNOWN', status: 503 });
      expect(applied.body.detail).toMatch(/same Idempotency-Key/);
      expect(applied.headers['retry-after']).toBe('5');
    });
  });

  it('an Update that reached the server before it went away: 503 STEP_OUTCOME_UNKNOWN, though the last attempt found no connection', async () => {
    await behind(await abortingFrontEnd({ goneAfterFirstUpdate: true }), async (http) => {
      const applied = await apply(http);
      expect(applied.body).toMatchObject({ code: 'STEP_OUTCOME_UNKNOWN', status: 503 });
      expect(applied.headers['retry-after']).toBe('5');
      // Without that first attempt the same outage is "nothing written".
      const again = await apply(http);
      expect(again.body).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE', status: 503 });
    });
  });
});

/**
 * A gRPC endpoint that takes every call and answers it as Temporal's front end answers an Update it
 * received and then aborted (its registry cleared, its shard moved): UNAVAILABLE, "workflow update was
 * aborted". The call reached a server, so what it did is not known to the caller. `goneAfterFirstUpdate`:
 * the server then goes away, so the client's further attempts find no connection.
 */
async function abortingFrontEnd(options: { goneAfterFirstUpdate?: boolean } = {}): Promise<Http2Server> {
  const server = createServer();
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    stream.on('error', () => undefined);
    stream.respond(
      {
        ':status': 200,
        'content-type': 'application/grpc',
        'grpc-status': '14',
        'grpc-message': 'workflow update was aborted',
      },
      { endStream: true },
    );
    if (options.goneAfterFirstUpdate && String(headers[':path']).endsWith('/UpdateWorkflowExecution')) {
      server.close();
      // After the answer has gone out: the session is then closed under the client.
      setImmediate(() => sessions.forEach((session) => session.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
