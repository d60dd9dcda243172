import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import { positionOf } from './programme-log';

/** Statements run as the database's owner with the immutability trigger switched off, as an attacker would. */
export function aroundTheTrigger(schema: string, statements: string): string {
  return `BEGIN;
    ALTER TABLE ${schema}.events DISABLE TRIGGER events_are_immutable;
    ${statements};
    ALTER TABLE ${schema}.events ENABLE ALWAYS TRIGGER events_are_immutable;
    COMMIT;`;
}

/**
 * One field of one stored event set by the owner of a PGlite store, behind the store's back (the hashes
 * are left as they were). Returns where the edited event stands.
 */
export async function editStoredEvent(
  dataDir: string,
  event: { readonly stream: string; readonly type: string },
  field: string,
  json: string,
): Promise<bigint> {
  const store = await openPgliteEventStore({ dataDir });
  try {
    const position = await positionOf(store, event.stream, event.type);
    await store.client.runScript(
      aroundTheTrigger(
        store.schema,
        `UPDATE ${store.schema}.events SET data = jsonb_set(data, '{${field}}', '${json}') WHERE global_position = ${position}`,
      ),
    );
    return position;
  } finally {
    await store.close();
  }
}

/** The finding a verifier should report at an edited place: its code, where it stands and in which stream. */
export function findingAt(code: string, position: bigint, stream: string, streamVersion: number) {
  return { code, position: position.toString(), stream, streamVersion };
}
