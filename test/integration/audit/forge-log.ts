import type { ChainedRecordedEvent } from '../../../infra/event-store/event-store.port';
import { chainHash, contentHash, GENESIS_HASH, logHash } from '../../../infra/event-store/event-hash';
import type { SqlEventStore } from '../../../infra/event-store/sql/sql-event-store';
import { aroundTheTrigger } from './owner-edits';

/**
 * The forgery the stored hashes cannot show: one event's data changed by the database's owner, around
 * the immutability trigger, and every hash from there on recomputed as the append function would have —
 * the event's content and chain hashes, its stream's later links and chain end, every later log hash and
 * the counter's. Only what was sealed outside the database can tell.
 */
export async function rewriteWithHashesRecomputed(
  store: SqlEventStore,
  position: bigint,
  data: unknown,
): Promise<void> {
  const schema = store.schema;
  const log = await store.chained.readAll({ after: 0n });
  const chainEnds = new Map<string, string>();
  let previousLog = GENESIS_HASH;
  let rewritten = false;
  const statements: string[] = [];
  for (const stored of log) {
    const event: ChainedRecordedEvent = stored.globalPosition === position ? { ...stored, data } : stored;
    rewritten ||= event !== stored;
    const content = contentHash(event);
    const chain = chainHash(chainEnds.get(event.stream) ?? GENESIS_HASH, content);
    const logged = logHash(previousLog, event.globalPosition, chain);
    chainEnds.set(event.stream, chain);
    previousLog = logged;
    if (!rewritten) continue;
    statements.push(
      `UPDATE ${schema}.events SET data = ${literal(JSON.stringify(event.data))}::jsonb,
         content_hash = '${content}', chain_hash = '${chain}', log_hash = '${logged}'
       WHERE global_position = ${event.globalPosition}`,
    );
  }
  if (!rewritten) throw new Error(`no event at position ${position}`);
  for (const [stream, chain] of chainEnds) {
    statements.push(`UPDATE ${schema}.streams SET chain_hash = '${chain}' WHERE stream = ${literal(stream)}`);
  }
  statements.push(`UPDATE ${schema}.global_position_counter SET log_hash = '${previousLog}'`);
  await store.client.runScript(aroundTheTrigger(schema, statements.join(';\n')));
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
