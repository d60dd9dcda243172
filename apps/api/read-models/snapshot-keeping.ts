import type { ChainedLogReader, EventStore } from '../../../infra/event-store/event-store.port';
import type { ReadModelSnapshotStore } from '../../../infra/event-store/read-model-snapshots.port';
import type { ProgrammeReadModels } from './read-models';
import { decodeSnapshot, encodeSnapshot, FOLD_VERSION, PROGRAMME_READ_MODELS } from './snapshot-encoding';

/** Where snapshots go and the log they are checked against: the SQL stores have both, KurrentDB neither. */
export interface SnapshotPlace {
  readonly snapshots: ReadModelSnapshotStore;
  readonly log: Pick<ChainedLogReader, 'readAll'>;
}

export function snapshotPlaceOf(
  store: Pick<EventStore, 'readModelSnapshots' | 'chained'>,
): SnapshotPlace | undefined {
  const { readModelSnapshots, chained } = store;
  return readModelSnapshots && chained ? { snapshots: readModelSnapshots, log: chained } : undefined;
}

export type RestoreOutcome =
  | {
      readonly kind: 'resumed';
      readonly models: ProgrammeReadModels;
      readonly position: bigint;
      readonly takenAt: string;
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface TakenSnapshot {
  readonly position: bigint;
  /** The compressed size as stored, and the JSON's. */
  readonly bytes: number;
  readonly jsonBytes: number;
}

/**
 * The kept snapshot of this fold version, if the log still holds, at the snapshot's position, the very
 * event it was folded to (same log hash). A snapshot of another database, or of a log since rewound to
 * a backup, is refused: the caller then folds from 0.
 */
export async function restoreReadModels(place: SnapshotPlace): Promise<RestoreOutcome> {
  const kept = await place.snapshots.load(PROGRAMME_READ_MODELS, FOLD_VERSION);
  if (kept === undefined) return { kind: 'none' };
  const atPosition = await logHashAt(place, kept.position);
  if (atPosition !== kept.logHash) {
    return {
      kind: 'refused',
      reason:
        atPosition === undefined
          ? `the log holds no event at its position ${kept.position}`
          : `the log's hash at its position ${kept.position} is not the one it was folded to`,
    };
  }
  const models = await decodeSnapshot(kept.body);
  return { kind: 'resumed', models, position: kept.position, takenAt: kept.takenAt };
}

/**
 * Keeps the read models as folded to `position`. Their content is taken at once, before anything
 * awaits, so it is the state at exactly that position; encoding and storing follow while the fold goes on.
 */
export async function takeSnapshot(
  place: SnapshotPlace,
  models: ProgrammeReadModels,
  position: bigint,
  now: () => Date = () => new Date(),
): Promise<TakenSnapshot | undefined> {
  if (position === 0n) return undefined;
  const content = models.content();
  const logHash = await logHashAt(place, position);
  if (logHash === undefined) return undefined;
  const { body, jsonBytes } = await encodeSnapshot(content);
  await place.snapshots.save({
    name: PROGRAMME_READ_MODELS,
    foldVersion: FOLD_VERSION,
    position,
    logHash,
    takenAt: now().toISOString(),
    body,
  });
  return { position, bytes: body.byteLength, jsonBytes };
}

async function logHashAt(place: SnapshotPlace, position: bigint): Promise<string | undefined> {
  const [event] = await place.log.readAll({ after: position - 1n, maxCount: 1 });
  return event?.globalPosition === position ? event.logHash : undefined;
}
