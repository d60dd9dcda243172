/** What a timed lifecycle run reports, for the real system and for the bare mirror alike. */
export interface PhaseRecord {
  readonly label: string;
  /** When the phase's steps are taken, in ms after the run's start on the server's clock. */
  readonly offsetMs: number;
  /** Updates sent for each town in this phase (to the town, or to its batch about it). */
  readonly updatesPerTown: number;
  /** Activities each of those updates sets off (an application: the batch's append, the town's start, its append). */
  readonly activitiesPerUpdate: number;
  /** Of those, how many are local activities: the official's own append (decision 0132), run first. */
  readonly localActivitiesPerUpdate: number;
}

export interface LifecycleRun {
  readonly towns: number;
  /** Wall time from the first step to the last workflow settled. */
  readonly wallMs: number;
  /** Updates the officials sent, in all. */
  readonly updates: number;
  /** The server's clock at the start: everything else is placed relative to it. */
  readonly startedAt: string;
  readonly phases: readonly PhaseRecord[];
  /** Where the wall time went (ms). */
  readonly split: Readonly<Record<SplitBucket, number>>;
}

/**
 * `skipping`: waiting for the clock to jump, while deadlines, reminders and (real) the batch's and the
 * programme's relays run; `steps`: officials' updates; `relays`: (bare) the relayed rounds, sent by
 * the benchmark itself.
 */
export type SplitBucket = 'skipping' | 'steps' | 'relays';

/** Accumulates wall time per bucket. */
export function splitTimer(): {
  readonly split: Record<SplitBucket, number>;
  time<T>(bucket: SplitBucket, work: () => Promise<T>): Promise<T>;
} {
  const split: Record<SplitBucket, number> = { skipping: 0, steps: 0, relays: 0 };
  return {
    split,
    time: async (bucket, work) => {
      const started = process.hrtime.bigint();
      try {
        return await work();
      } finally {
        split[bucket] += elapsedMs(started);
      }
    },
  };
}

export function elapsedMs(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}
