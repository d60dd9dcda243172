/**
 * Where an API keeps its read models' folded state, so a restart resumes from it instead of folding the
 * whole log again (docs/decisions/0122-read-model-snapshots-in-the-store.md). Derived data, never the
 * record: a snapshot that does not match the log is refused by its reader and the log folded from 0.
 */
export interface ReadModelSnapshot {
  /** Which read models (one set per API today). */
  readonly name: string;
  /** The fold's version: a snapshot of another fold is never loaded. */
  readonly foldVersion: number;
  /** The global position folded up to, inclusive. */
  readonly position: bigint;
  /** The log hash of the event at `position`, which ties the snapshot to this very log. */
  readonly logHash: string;
  readonly takenAt: string;
  /** The encoded state; the read models own its format. */
  readonly body: Uint8Array;
}

export interface ReadModelSnapshotStore {
  /** The snapshot of this name and fold version, if one was kept. */
  load(name: string, foldVersion: number): Promise<ReadModelSnapshot | undefined>;
  /** Keeps it, unless a snapshot of the same name and fold version already stands further on. */
  save(snapshot: ReadModelSnapshot): Promise<void>;
}
