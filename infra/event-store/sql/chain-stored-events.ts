/**
 * Gives the events stored before hash chains (schema v1) their content, stream and log hashes, computed
 * by the same functions verification recomputes them with (event-hash.ts), from the rows as they are read
 * back. Run by the upgrade to schema v2, inside its transaction, as the store's owner: the rows' content
 * is not touched, only the new hash columns are filled, with the immutability triggers off for that one
 * statement per page. The upgrade records what it chained (schema-migrations.ts), because such hashes
 * vouch for the events as they were found, not as they were appended.
 */
import { chainHash, contentHash, GENESIS_HASH, logHash } from '../event-hash';
import type { EventRow } from './event-row';
import type { SqlClient } from './sql-client';

export interface ChainedAfterTheFact {
  readonly events: number;
  readonly fromPosition: string;
  readonly toPosition: string;
  /** The log hash at `toPosition`: what the first checkpoint after the upgrade will seal. */
  readonly logDigest: string;
}

/** An event as the upgrade reads it: `occurred_at` as the text every chained read gives, which is hashed. */
type UnchainedRow = Omit<EventRow, 'occurred_at' | 'recorded_at'> & { readonly occurred_at: string };

const PAGE = 1000;

export async function chainStoredEvents(tx: SqlClient, s: string): Promise<ChainedAfterTheFact | undefined> {
  const tips = new Map<string, string>();
  let log = GENESIS_HASH;
  let after = 0n;
  let first: bigint | undefined;
  let events = 0;
  await tx.runScript(`ALTER TABLE ${s}.events DISABLE TRIGGER USER`);
  for (;;) {
    const rows = await tx.query<UnchainedRow>(
      {
        // occurred_at as every chained read gives it (event-row.ts): what verification will hash.
        text: `SELECT global_position, id, stream, stream_version, type, data, metadata,
                      to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at
                 FROM ${s}.events WHERE global_position > $1::bigint ORDER BY global_position LIMIT ${PAGE}`,
      },
      [after.toString()],
    );
    if (rows.length === 0) break;
    const contents: string[] = [];
    const chains: string[] = [];
    const logs: string[] = [];
    for (const row of rows) {
      const content = contentHash({
        id: row.id,
        stream: row.stream,
        streamVersion: row.stream_version,
        type: row.type,
        data: row.data,
        metadata: row.metadata,
        occurredAt: row.occurred_at,
      });
      const chain = chainHash(tips.get(row.stream) ?? GENESIS_HASH, content);
      tips.set(row.stream, chain);
      log = logHash(log, BigInt(row.global_position), chain);
      contents.push(content);
      chains.push(chain);
      logs.push(log);
    }
    await tx.query(
      {
        text: `UPDATE ${s}.events e SET content_hash = u.content, chain_hash = u.chain, log_hash = u.log
                 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(position, content, chain, log)
                WHERE e.global_position = u.position`,
      },
      [rows.map((row) => row.global_position.toString()), contents, chains, logs],
    );
    first ??= rows[0]?.global_position;
    after = rows.at(-1)?.global_position ?? after;
    events += rows.length;
  }
  // The definitions that follow in the same transaction enable them again, as ALWAYS triggers.
  await tx.runScript(`ALTER TABLE ${s}.events ENABLE TRIGGER USER`);
  await tx.query(
    {
      text: `UPDATE ${s}.streams st SET chain_hash = u.chain
               FROM unnest($1::text[], $2::text[]) AS u(stream, chain) WHERE st.stream = u.stream`,
    },
    [[...tips.keys()], [...tips.values()]],
  );
  await tx.query({ text: `UPDATE ${s}.global_position_counter SET log_hash = $1` }, [log]);
  if (first === undefined) return undefined;
  return { events, fromPosition: first.toString(), toPosition: after.toString(), logDigest: log };
}
