/**
 * A town's state, or the whole programme's, as of any instant: the domain's own folds over the events up
 * to that instant (as-of.ts says which of an event's times counts).
 */
import { townDecider } from '../../domain/town';
import type { BatchState } from '../../domain/batch';
import type { ProgrammeState } from '../../domain/programme';
import type { ExitState, RewardStatus, TownState, TownStatus } from '../../domain/town';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { type AsOf, happenedBy, type TimeBasis } from './as-of';
import { AuditError } from '../../domain/audit/audit.errors';
import { DEFAULT_PAGE_SIZE, readPages } from '../shared/log-pages';
import { emptyProgrammeFold, foldIntoProgramme, foldTownEvents } from '../../domain/audit/programme-fold';
import type { Progress } from '../shared/progress';

interface AsOfReport {
  readonly at: string;
  readonly basis: TimeBasis;
  readonly eventsFolded: number;
  /** Events stored after the instant (by the chosen basis): not folded. */
  readonly eventsAfter: number;
  /** Position of the last event folded (decimal), or null. */
  readonly lastFoldedPosition: string | null;
}

export interface TownStateAt extends AsOfReport {
  readonly townId: string;
  readonly stream: string;
  readonly summary: TownSummary;
  readonly state: TownState;
}

export interface TownSummary {
  readonly townId: string;
  readonly name: string | null;
  readonly county: string | null;
  readonly batchId: string | null;
  readonly status: TownStatus;
  readonly listedAt: string | null;
  readonly ratings: readonly { year: number; rating: string; score: number | null }[];
  /** Reward money by status, yuan. */
  readonly funds: Readonly<Record<RewardStatus, number>>;
  readonly landSupport: {
    readonly entitledYears: readonly number[];
    readonly grantedYears: readonly number[];
  };
  readonly provincialRecommendation: { readonly year: number; readonly rank: number | null } | null;
  readonly exit: ExitState | null;
  readonly acceptance: 'accepted' | 'not-accepted' | null;
}

export interface ProgrammeStateAt extends AsOfReport {
  readonly totals: {
    readonly towns: number;
    readonly townsByStatus: Readonly<Partial<Record<TownStatus, number>>>;
    /** Reward money by status over every town, yuan. */
    readonly funds: Readonly<Record<RewardStatus, number>>;
    readonly landSupportYearsEntitled: number;
    readonly landSupportYearsGranted: number;
  };
  readonly towns: readonly TownSummary[];
  readonly programmes: Readonly<Record<string, ProgrammeState>>;
  readonly batches: Readonly<Record<string, BatchState>>;
  readonly townStates: Readonly<Record<string, TownState>>;
  /** Events of streams of no known kind, by prefix. */
  readonly otherStreams: Readonly<Record<string, number>>;
}

export async function townStateAt(
  store: Pick<EventStore, 'readStream'>,
  townId: string,
  asOf: AsOf,
): Promise<TownStateAt> {
  const stream = townDecider.streamOf(townId);
  const events = await store.readStream(stream);
  if (events.length === 0) throw new AuditError('TOWN_NOT_FOUND', `No events in stream ${stream}`);
  const folded = events.filter((event) => happenedBy(event, asOf));
  const state = foldTownEvents(folded);
  return {
    at: asOf.at,
    basis: asOf.basis,
    townId,
    stream,
    eventsFolded: folded.length,
    eventsAfter: events.length - folded.length,
    lastFoldedPosition: folded.at(-1)?.globalPosition.toString() ?? null,
    summary: summariseTown(townId, state),
    state,
  };
}

export async function programmeStateAt(
  store: Pick<EventStore, 'readAll'>,
  asOf: AsOf,
  options: { readonly pageSize?: number; readonly onProgress?: (progress: Progress) => void } = {},
): Promise<ProgrammeStateAt> {
  const fold = emptyProgrammeFold();
  let read = 0;
  for await (const page of readPages(store, 0n, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
    for (const event of page) if (happenedBy(event, asOf)) foldIntoProgramme(fold, event);
    read += page.length;
    options.onProgress?.({
      entries: read,
      position: page.at(-1)?.globalPosition ?? 0n,
      lastPosition: undefined,
    });
  }
  const towns = [...fold.towns].map(([townId, state]) => summariseTown(townId, state));
  const townsByStatus: Partial<Record<TownStatus, number>> = {};
  for (const town of towns) townsByStatus[town.status] = (townsByStatus[town.status] ?? 0) + 1;
  return {
    at: asOf.at,
    basis: asOf.basis,
    eventsFolded: fold.eventsFolded,
    eventsAfter: read - fold.eventsFolded,
    lastFoldedPosition: fold.lastFoldedPosition?.toString() ?? null,
    totals: {
      towns: towns.length,
      townsByStatus,
      funds: sumFunds(towns.map((town) => town.funds)),
      landSupportYearsEntitled: towns.reduce((sum, town) => sum + town.landSupport.entitledYears.length, 0),
      landSupportYearsGranted: towns.reduce((sum, town) => sum + town.landSupport.grantedYears.length, 0),
    },
    towns,
    programmes: Object.fromEntries(fold.programmes),
    batches: Object.fromEntries(fold.batches),
    townStates: Object.fromEntries(fold.towns),
    otherStreams: Object.fromEntries(fold.otherStreams),
  };
}

const NO_FUNDS: Record<RewardStatus, number> = { pending: 0, due: 0, paid: 0, forfeited: 0, 'not-earned': 0 };

export function summariseTown(townId: string, state: TownState): TownSummary {
  const funds = { ...NO_FUNDS };
  for (const reward of state.rewards) funds[reward.status] += reward.amountYuan;
  return {
    townId,
    name: state.name,
    county: state.county,
    batchId: state.batchId,
    status: state.status,
    listedAt: state.listedAt,
    ratings: Object.entries(state.ratingsByYear)
      .map(([year, record]) => ({ year: Number(year), rating: record.rating, score: record.score }))
      .sort((a, b) => a.year - b.year),
    funds,
    landSupport: {
      entitledYears: state.landSupport.entitledYears,
      grantedYears: state.landSupport.grantedYears,
    },
    provincialRecommendation:
      state.provincial.recommendedInYear === null
        ? null
        : { year: state.provincial.recommendedInYear, rank: state.provincial.rank },
    exit: state.exit,
    acceptance: state.acceptance?.outcome ?? null,
  };
}

function sumFunds(all: readonly Readonly<Record<RewardStatus, number>>[]): Record<RewardStatus, number> {
  const total = { ...NO_FUNDS };
  for (const funds of all) {
    for (const status of Object.keys(total) as RewardStatus[]) total[status] += funds[status];
  }
  return total;
}
