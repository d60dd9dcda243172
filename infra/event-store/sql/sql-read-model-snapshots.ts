import type { ReadModelSnapshot, ReadModelSnapshotStore } from '../read-model-snapshots.port';
import { READ_MODEL_SNAPSHOTS_TABLE } from './schema';
import type { SqlClient } from './sql-client';

interface SnapshotRow {
  readonly name: string;
  readonly fold_version: number;
  readonly position: bigint;
  readonly log_hash: string;
  readonly taken_at: Date;
  readonly body: Uint8Array;
}

/** Runs a statement the way every port method does (closed check, schema, error mapping). */
export type RunStatement = <T>(operation: string, work: () => Promise<T>) => Promise<T>;

/** The snapshots table of schema v4, in the store's own schema (both SQL adapters). */
export function sqlReadModelSnapshots(
  client: SqlClient,
  schema: string,
  run: RunStatement,
): ReadModelSnapshotStore {
  const table = `${schema}.${READ_MODEL_SNAPSHOTS_TABLE}`;
  return {
    load: async (name, foldVersion) => {
      const [row] = await run('loadReadModelSnapshot', () =>
        client.query<SnapshotRow>(
          {
            text: `SELECT name, fold_version, position, log_hash, taken_at, body FROM ${table}
                    WHERE name = $1 AND fold_version = $2`,
          },
          [name, foldVersion],
        ),
      );
      return row === undefined
        ? undefined
        : {
            name: row.name,
            foldVersion: row.fold_version,
            position: row.position,
            logHash: row.log_hash,
            takenAt: row.taken_at.toISOString(),
            body: row.body,
          };
    },
    // Several APIs keep one row: the furthest snapshot wins, so a slower instance never moves it back.
    save: async (snapshot: ReadModelSnapshot) => {
      await run('saveReadModelSnapshot', () =>
        client.query(
          {
            text: `INSERT INTO ${table} (name, fold_version, position, log_hash, taken_at, body)
                   VALUES ($1, $2, $3::bigint, $4, $5::timestamptz, $6)
                   ON CONFLICT (name, fold_version) DO UPDATE
                     SET position = excluded.position, log_hash = excluded.log_hash,
                         taken_at = excluded.taken_at, body = excluded.body
                   WHERE ${table}.position <= excluded.position`,
          },
          [
            snapshot.name,
            snapshot.foldVersion,
            snapshot.position.toString(),
            snapshot.logHash,
            snapshot.takenAt,
            snapshot.body,
          ],
        ),
      );
    },
  };
}
