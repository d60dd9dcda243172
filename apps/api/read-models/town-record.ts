import type { PolicyRef, RecordedEvent } from '../../../domain/shared/event-envelope';
import { townDecider, type TownEvent, type TownState } from '../../../domain/town';
import { fundMovementsOf, type FundMovement } from './funds-ledger';

/**
 * A town as the read side knows it: the domain's own folded state (so "what may be done next" is asked
 * of the same state the workflow holds) plus what the lists show about its history. Its latest steps are
 * not kept: one town's page reads them from the town's stream (recent-steps.ts), so every restart does not
 * load ten steps for every town (docs/decisions/0128-read-models-keep-what-lists-need.md).
 */
export interface TownRecord {
  readonly townId: string;
  readonly stream: string;
  readonly state: TownState;
  readonly countyNameZh: string | null;
  readonly policy: PolicyRef | null;
  readonly eventCount: number;
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  readonly lastPosition: bigint;
  /** The stream version of the last event folded: where the page's latest steps are read back from. */
  readonly lastVersion: number;
  /** The city's rewards committed, paid and forfeited, each when it happened (funds-ledger.ts). */
  readonly fundMovements: readonly FundMovement[];
}

/** Folds one event of a town stream; the first must be TownApplied (it names the town). */
export function foldTownRecord(record: TownRecord | undefined, event: RecordedEvent): TownRecord {
  // Town streams hold town events only (domain/aggregates.ts tells the streams apart).
  const townEvent = event as unknown as TownEvent;
  const state = townDecider.evolve(record?.state ?? townDecider.initialState, townEvent);
  const applied = townEvent.type === 'TownApplied' ? townEvent.data : undefined;
  return {
    townId: record?.townId ?? applied?.townId ?? event.stream,
    stream: event.stream,
    state,
    countyNameZh: record?.countyNameZh ?? applied?.countyNameZh ?? null,
    policy: record?.policy ?? (event.metadata.policy ? { ...event.metadata.policy } : null),
    eventCount: (record?.eventCount ?? 0) + 1,
    firstRecordedAt: record?.firstRecordedAt ?? event.recordedAt,
    lastRecordedAt: event.recordedAt,
    lastPosition: event.globalPosition,
    lastVersion: event.streamVersion,
    fundMovements: [...(record?.fundMovements ?? []), ...fundMovementsOf(townEvent, event.occurredAt)],
  };
}

export interface LatestRating {
  readonly year: number;
  readonly rating: string;
  readonly score: number | null;
}

export function latestRating(state: TownState): LatestRating | null {
  const years = Object.keys(state.ratingsByYear)
    .map(Number)
    .sort((a, b) => b - a);
  const year = years[0];
  const record = year === undefined ? undefined : state.ratingsByYear[year];
  return year === undefined || !record ? null : { year, rating: record.rating, score: record.score };
}

export interface RewardTotals {
  readonly committedYuan: number;
  readonly dueYuan: number;
  readonly paidYuan: number;
  readonly forfeitedYuan: number;
}

/** Committed: promised and not lost (pending, due or paid); forfeited counts rewards not earned too. */
export function rewardTotals(state: TownState): RewardTotals {
  const sum = (statuses: readonly string[]) =>
    state.rewards
      .filter((reward) => statuses.includes(reward.status))
      .reduce((total, reward) => total + reward.amountYuan, 0);
  return {
    committedYuan: sum(['pending', 'due', 'paid']),
    dueYuan: sum(['due']),
    paidYuan: sum(['paid']),
    forfeitedYuan: sum(['forfeited', 'not-earned']),
  };
}
