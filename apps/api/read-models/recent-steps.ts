import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import type { TownRecord } from './town-record';

/** One step in a town's history, as the town page lists its latest ones. */
export interface StepSummary {
  readonly type: string;
  readonly occurredAt: string;
  readonly globalPosition: bigint;
  readonly actor: { readonly userId: string; readonly seat: string; readonly county?: string };
}

export const recentStepsShown = 10;

/**
 * The town's latest steps as the record knows them, oldest first: read back from its stream at the
 * record's last folded version, so a step appended since (not folded yet) is not shown beside a record
 * that does not count it. `RecentStepsSeen` answers without the read for the towns it can.
 */
export async function recentStepsOf(
  store: Pick<EventStore, 'readStream'>,
  record: Pick<TownRecord, 'stream' | 'lastVersion'>,
): Promise<StepSummary[]> {
  const newestFirst = await store.readStream(record.stream, {
    direction: 'backwards',
    fromVersion: record.lastVersion,
    maxCount: recentStepsShown,
  });
  return newestFirst.reverse().map(stepOf);
}

function stepOf(event: RecordedEvent): StepSummary {
  return {
    type: event.type,
    occurredAt: event.occurredAt,
    globalPosition: event.globalPosition,
    actor: { ...event.metadata.actor },
  };
}

/**
 * The latest steps of every stream folded since this process started, kept beside the read models but not
 * in their snapshot (decision 0128 took them out of it, for a restart that loads less). A town page is
 * answered from here when the fold has seen enough of the town's stream — the last `recentStepsShown`
 * events, or all of it — and from the stream otherwise: a quiet town folded from a snapshot has none here.
 * Memory is bounded by streams × `recentStepsShown`.
 */
export class RecentStepsSeen {
  private readonly byStream = new Map<string, { version: number; step: StepSummary }[]>();

  /** Called with each event once the read models have folded it, in log order. */
  seen(event: RecordedEvent): void {
    const known = this.byStream.get(event.stream);
    // An event the fold skipped leaves a gap: what came before it is no longer the stream's latest steps.
    const steps = known && known.at(-1)?.version === event.streamVersion - 1 ? known : [];
    steps.push({ version: event.streamVersion, step: stepOf(event) });
    if (steps.length > recentStepsShown) steps.shift();
    this.byStream.set(event.stream, steps);
  }

  /** The steps as `recentStepsOf` would read them, or undefined when this process has not seen enough. */
  of(record: Pick<TownRecord, 'stream' | 'lastVersion'>): StepSummary[] | undefined {
    const steps = this.byStream.get(record.stream);
    if (!steps || steps.at(-1)?.version !== record.lastVersion) return undefined;
    const whole = steps.length === recentStepsShown || steps[0]?.version === 0;
    return whole ? steps.map(({ step }) => step) : undefined;
  }
}
