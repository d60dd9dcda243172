/**
 * The programmes an event store already holds: every `ProgrammeStarted`, with the pack recorded for it
 * (`PolicyPackAdopted`, by version). Read when a data directory has no programme record yet although its
 * store has a record of its own — a store made before programmes were recorded, or a process on another
 * machine sharing a PostgreSQL store — so that such a start runs the programme already there instead of
 * starting another. One pass over the log, once per data directory.
 */
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { EventStore } from '../event-store/event-store.port';
import { POLICY_PACK_ADOPTED, type PolicyPackAdoptedData } from '../policy-packs/policy-pack-log';

export interface ProgrammeInStore {
  readonly programmeId: string;
  /** Undefined when the store holds no document of the version it started under (a store made before packs were recorded). */
  readonly policy: PolicyPack | undefined;
  readonly policyVersion: string;
  readonly startedAt: string;
}

const pageSize = 1_000;

export async function programmesInStore(store: Pick<EventStore, 'readAll'>): Promise<ProgrammeInStore[]> {
  const packs = new Map<string, unknown>();
  const started: { programmeId: string; policyVersion: string; startedAt: string }[] = [];
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    for (const event of page) {
      if (event.type === POLICY_PACK_ADOPTED) {
        const { pack } = event.data as PolicyPackAdoptedData;
        packs.set(pack.version, pack);
      } else if (event.type === 'ProgrammeStarted') {
        started.push({
          programmeId: (event.data as { programmeId: string }).programmeId,
          policyVersion: event.metadata.policy?.version ?? '',
          startedAt: event.occurredAt,
        });
      }
    }
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) break;
    after = last.globalPosition;
  }
  return started.map((programme) => {
    const document = packs.get(programme.policyVersion);
    return { ...programme, policy: document === undefined ? undefined : parsePolicyPack(document) };
  });
}
