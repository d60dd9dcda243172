import { toEpochMs } from '../../domain/calendar/instant';

export interface AgendaItem {
  /** When the step is taken (ISO-8601 instant). */
  readonly at: string;
  /** What the progress bar shows while the step runs. */
  readonly label: string;
  readonly run: () => Promise<void>;
}

/**
 * The officials' diary: steps in the order of their instants, steps at the same instant in the order
 * they were written in. Steps may write further steps (a town listed in April gets its plan, reviews
 * and checks for the years ahead), and that order, too, only depends on the decisions already drawn.
 */
export class Agenda {
  private readonly items: { readonly item: AgendaItem; readonly ms: number; readonly seq: number }[] = [];
  private written = 0;

  add(at: string, label: string, run: () => Promise<void>): void {
    this.items.push({ item: { at, label, run }, ms: toEpochMs(at), seq: this.written++ });
  }

  get size(): number {
    return this.items.length;
  }

  /** Takes the earliest step out of the diary. */
  next(): AgendaItem | undefined {
    let best = 0;
    this.items.forEach((candidate, index) => {
      const current = this.items[best];
      if (
        current &&
        (candidate.ms < current.ms || (candidate.ms === current.ms && candidate.seq < current.seq))
      )
        best = index;
    });
    return this.items.splice(best, 1)[0]?.item;
  }
}
