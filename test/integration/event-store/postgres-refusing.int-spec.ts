import { randomUUID } from 'node:crypto';
import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import { createPostgresEventStore } from '../../../infra/event-store/postgres/postgres-event-store';
import { withClient } from './pg-session';
import { testEvent, uniqueStream } from './test-events';

const databaseUrl = process.env.DATABASE_URL;

/**
 * A database that refuses connections (`ALLOW_CONNECTIONS false`, SQLSTATE 55000) is an outage of the
 * store, as a server that is down is: retried and answered 503, never a failure of its own.
 */
if (databaseUrl !== undefined && databaseUrl !== '') {
  const url = databaseUrl;

  describe('PostgreSQL store: a database that refuses connections', () => {
    const database = `es_refusing_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

    beforeAll(async () => {
      await withClient(url, (client) => client.query(`CREATE DATABASE ${database}`));
      await withClient(url, (client) => client.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`));
    });

    afterAll(async () => {
      await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${database}`));
    });

    it('is unavailable to the health check, a read and an append', async () => {
      const target = new URL(url);
      target.pathname = `/${database}`;
      const store = createPostgresEventStore({ url: target.toString() });
      try {
        await expect(store.checkHealth()).rejects.toThrow(EventStoreUnavailableError);
        await expect(store.readAll()).rejects.toThrow(/not currently accepting connections/);
        await expect(store.append(uniqueStream('town'), [testEvent()], 'no_stream')).rejects.toBeInstanceOf(
          EventStoreUnavailableError,
        );
      } finally {
        await store.close();
      }
    });
  });
} else {
  // Skipped only without a PostgreSQL server to run against (no DATABASE_URL): reported as skipped, not
  // passed. CI always sets DATABASE_URL.
  describe.skip('PostgreSQL store: a database that refuses connections (needs DATABASE_URL)', () => {
    it('is unavailable', () => undefined);
  });
}
