import type { BareStep } from './bare-town/bare-town.messages';

/** What a timed lifecycle run reports, for the real system and for the bare mirror alike. */
export interface PhaseRecord {
  readonly label: string;
  /** When the phase's steps are taken, in ms after the run's start on the server's clock. */
  readonly offsetMs: number;
  /**
   * The updates a town's workflows receive in this phase, in order (to the town, or to its batch about
   * it), each with the activities it sets off: its own append as a local activity (decision 0132), and
   * any other (an application: the batch's append and the start of the town, then the town's append).
   */
  readonly updates: readonly BareStep[];
}

export interface LifecycleRun {
  readonly towns: number;
  /** Wall time from the first step to the last workflow settled. */
  readonly wallMs: number;
  /** Updates the workflows received, in all (an application is two: the batch's and the town's). */
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
