import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import type { EventStoreConfig } from '../infra/event-store/create-event-store';

/**
 * A PostgreSQL event store in a schema of its own (in `DATABASE_URL`'s database), for one benchmark run,
 * dropped after it: runs never see each other's events, and nothing is left behind.
 */
export async function withPostgresSchema<T>(
  prefix: string,
  work: (store: EventStoreConfig) => Promise<T>,
): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('The PostgreSQL store needs DATABASE_URL (a database a schema may be made in)');
  const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  try {
    return await work({ kind: 'postgres', url, schema });
  } finally {
    const client = new PgClient({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => client.end());
  }
}
