/**
 * What the programme's facts set off in other workflows: a batch to start, and the rounds every active
 * town must hear of (its yearly review, the provincial recommendation, the final acceptance).
 */
import { uuid4 } from '@temporalio/workflow';
import { townDecider } from '../../domain/town';
import type {
  NotRecommendedReason,
  ProgrammeCommand,
  ProgrammeEvent,
  ProgrammeState,
  RankedCandidate,
  RecommendationCandidate,
} from '../../domain/programme';
import { candidatesInRankOrder, compareRanked, rankCandidate } from '../../domain/programme';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { storeReader } from '../shared/activity-proxies';
import type { StepMeta } from '../shared/stream-step';
import type { RelayableTownCommand } from '../town/town.messages';
import type { ProgrammeOutgoing, ReportedRatings } from './programme.messages';

export function effectsOf(
  events: readonly ProgrammeEvent[],
  state: ProgrammeState,
  meta: StepMeta,
  from: string,
): ProgrammeOutgoing[] {
  const relay = (townId: string, command: RelayableTownCommand): ProgrammeOutgoing => ({
    kind: 'relay',
    workflowId: townDecider.streamOf(townId),
    relay: { command, from, commandId: uuid4(), correlationId: meta.correlationId },
  });
  return events.flatMap((event): ProgrammeOutgoing[] => {
    if (event.type === 'ProgrammeBatchOpened') return [{ kind: 'start-batch', ...event.data }];
    if (event.type === 'ReviewCycleOpened') {
      const { year, towns } = event.data;
      return towns.map((townId) => relay(townId, { type: 'OpenYearlyReview', data: { year } }));
    }
    if (event.type === 'ProvincialRecommendationsDecided') {
      // Exited towns are not told: their support has ended and they take no more steps.
      const told = event.data.ranking.filter((candidate) => !state.exitedTowns.includes(candidate.townId));
      return roundRelays(event.data, told).map(([townId, command]) => relay(townId, command));
    }
    if (event.type === 'ProvincialRankingPageRecorded') {
      const told = event.data.ranking.filter((candidate) =>
        event.data.notRecommended.every(
          (town) => town.townId !== candidate.townId || town.reason !== 'exited',
        ),
      );
      return roundRelays(event.data, told).map(([townId, command]) => relay(townId, command));
    }
    if (event.type === 'FinalAcceptanceRoundStarted') {
      return event.data.towns.map((townId) => relay(townId, { type: 'StartFinalAcceptance', data: {} }));
    }
    return [];
  });
}

/** What each town told of a round (or of one of its pages) hears: its rank, or why it was not put forward. */
function roundRelays(
  decided: {
    readonly reviewYear: number;
    readonly recommended: readonly { readonly townId: string; readonly rank: number }[];
    readonly notRecommended: readonly { readonly townId: string; readonly reason: NotRecommendedReason }[];
  },
  told: readonly RankedCandidate[],
): [townId: string, command: RelayableTownCommand][] {
  const { reviewYear } = decided;
  const ranks = new Map(decided.recommended.map((town) => [town.townId, town.rank]));
  const reasons = new Map(decided.notRecommended.map((town) => [town.townId, town.reason]));
  return told.map(({ townId }) => {
    const rank = ranks.get(townId) ?? null;
    // A town not put forward hears why, so its own history says so.
    const reason = reasons.get(townId);
    return [
      townId,
      {
        type: 'RecordProvincialRecommendation',
        data: { reviewYear, recommended: rank !== null, rank, ...(reason ? { reason } : {}) },
      },
    ];
  });
}

/**
 * Every listed town with the ratings it reported, and whether the province has listed it: the ranking
 * records each one and why it ranks so.
 */
export function recommendationCandidates(
  state: ProgrammeState,
  ratings: ReportedRatings,
  listedByProvince: readonly string[] = [],
): RecommendationCandidate[] {
  return state.listedTowns.map(({ townId }) => ({
    townId,
    ratingsByYear: ratings[townId] ?? {},
    ...(listedByProvince.includes(townId) ? { listedByProvince: true } : {}),
  }));
}

/**
 * The ratings towns reported, one entry added per report in place (copying the whole map per report
 * cost time in the square of the towns).
 */
export class ReportedRatingsMemory {
  private readonly byTown = new Map<string, Record<string, { rating: string; score: number | null }>>();

  constructor(from: ReportedRatings = {}) {
    for (const [townId, byYear] of Object.entries(from)) this.byTown.set(townId, { ...byYear });
  }

  add(report: { townId: string; year: number; rating: string; score: number | null }): void {
    const { townId, year, rating, score } = report;
    const byYear = this.byTown.get(townId) ?? {};
    byYear[String(year)] = { rating, score };
    this.byTown.set(townId, byYear);
  }

  all(): ReportedRatings {
    return Object.fromEntries(this.byTown);
  }

  get size(): number {
    return this.byTown.size;
  }

  /** Towns in the order they first reported: a page stays the same while later reports are added. */
  page(offset: number, limit: number): ReportedRatings {
    return Object.fromEntries([...this.byTown].slice(offset, offset + limit));
  }
}

/**
 * Towns per read of their ratings: a result stays near 160 KiB (a town's ratings over three years are
 * about 160 bytes), far under Temporal's 512 KiB warning, at any number of towns (bench:scale).
 */
export const RATINGS_READ_PAGE = 1_000;

/** The towns' ratings through a year, as their streams hold them now, read a page of towns at a time. */
export async function ratingsOfTowns(
  townIds: readonly string[],
  throughYear: number,
): Promise<ReportedRatings> {
  const ratings: Record<string, ReportedRatings[string]> = {};
  for (let start = 0; start < townIds.length; start += RATINGS_READ_PAGE) {
    const page = townIds.slice(start, start + RATINGS_READ_PAGE);
    Object.assign(ratings, await storeReader.readTownRatings({ townIds: page, throughYear }));
  }
  return ratings;
}

/**
 * Towns per page of a provincial round recorded in parts: a page's append (its event and its command,
 * every candidate's ratings) stays near 250 KiB, half Temporal's 512 KiB warning (bench:scale).
 */
export const RANKING_PAGE_TOWNS = 500;

/**
 * Records a round's ranking a page at a time (docs/decisions/0066), in rank order, from the page after
 * the last one recorded (a round resumed ranks only the towns after the last one ranked), and returns
 * the step that closes it. Stops at a page not recorded: the close is then refused as incomplete, and
 * the deadline fires again.
 */
export async function rankInPages(round: {
  readonly state: ProgrammeState;
  readonly policy: PolicyPack;
  readonly reviewYear: number;
  readonly candidates: readonly RecommendationCandidate[];
  readonly pageTowns: number;
  readonly record: (page: ProgrammeCommand) => Promise<boolean>;
}): Promise<ProgrammeCommand> {
  const { state, policy, reviewYear } = round;
  const begun = state.provincialRound?.reviewYear === reviewYear ? state.provincialRound : undefined;
  const last = begun?.last ?? null;
  const ordered = candidatesInRankOrder(policy, reviewYear, round.candidates).filter(
    (candidate) =>
      last === null || compareRanked(policy, rankCandidate(policy, reviewYear, candidate), last) > 0,
  );
  const first = begun?.pages ?? 0;
  const pages = first + Math.ceil(ordered.length / round.pageTowns);
  for (let page = first; page < pages; page += 1) {
    const start = (page - first) * round.pageTowns;
    const candidates = ordered.slice(start, start + round.pageTowns);
    if (
      !(await round.record({ type: 'RecordProvincialRankingPage', data: { reviewYear, page, candidates } }))
    )
      break;
  }
  // The close names the whole round, so a page missing is refused there rather than passed over.
  const towns = (begun?.towns ?? 0) + ordered.length;
  return { type: 'CloseProvincialRound', data: { reviewYear, pages, towns } };
}
