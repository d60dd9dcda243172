import type { NewEvent } from '../domain/shared/event-envelope';
import { EVENT_COLUMNS_V1 } from '../infra/event-store/sql/schema-migrations';
import type { SqlClient } from '../infra/event-store/sql/sql-client';

/**
 * The baseline every store operation is compared with: the same rows, in a table with the columns and
 * constraints of the store's first schema (recorded_at still defaulted, as a plain INSERT needs), but
 * with a bigserial for positions and nothing else — no append function, no stream row, no counter, no
 * triggers. "Raw" appends are plain multi-row
 * INSERTs in one statement (one round trip, one transaction); "raw" reads a plain SELECT … ORDER BY.
 */
export class RawEventTable {
  private constructor(
    private readonly client: SqlClient,
    private readonly table: string,
  ) {}

  static async create(client: SqlClient, schema: string): Promise<RawEventTable> {
    await client.runScript(`
      CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE ${schema}.raw_events (
        global_position bigserial PRIMARY KEY,${EVENT_COLUMNS_V1}
      );`);
    return new RawEventTable(client, `${schema}.raw_events`);
  }

  /** One INSERT of `events` at stream versions firstVersion, firstVersion + 1, … */
  async insert(stream: string, firstVersion: number, events: readonly NewEvent[]): Promise<void> {
    const values: unknown[] = [];
    const rows = events.map((event, index) => {
      const at = values.length;
      values.push(
        event.id,
        stream,
        firstVersion + index,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        event.occurredAt,
      );
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}, $${at + 7})`;
    });
    await this.client.query(
      {
        name: `raw_insert_${events.length}`,
        text: `INSERT INTO ${this.table} (id, stream, stream_version, type, data, metadata, occurred_at)
               VALUES ${rows.join(', ')}`,
      },
      values,
    );
  }

  async readAll(): Promise<unknown[]> {
    return this.client.query({ text: `SELECT * FROM ${this.table} ORDER BY global_position` }, []);
  }
}
