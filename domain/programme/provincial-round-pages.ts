/**
 * A provincial round recorded in pages (docs/decisions/0066): the workflow hands the candidates over in
 * rank order, a page at a time, and each page is decided on what the pages before left (places, the
 * last town ranked); a closing step records the totals. No event or command of the round grows with
 * the programme, and the pages decide exactly what one ranking of every candidate would.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { isBefore } from '../calendar/instant';
import { canonicalJson } from '../policy/policy-version';
import type { PolicyPack, recommendAgainRules } from '../policy/policy-pack.schema';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type { CloseProvincialRound, RecordProvincialRankingPage } from './programme.commands';
import type {
  NotRecommendedReason,
  ProgrammeEvent,
  ProvincialRankingPageRecorded,
  RankedCandidate,
} from './programme.events';
import type { ProgrammeState, ProvincialRoundInProgress, ReviewCycleState } from './programme.state';
import { compareRanked, rankCandidate } from './provincial-ranking';

/** The most towns one page may hold: its append stays far under Temporal's 512 KiB (bench:scale). */
export const MAX_RANKING_PAGE_TOWNS = 1_000;

/** The round's year must be open, its ratings due and its recommendation not yet decided. */
export function requireRoundDue(state: ProgrammeState, reviewYear: number, now: string): ReviewCycleState {
  const cycle = state.reviewCycles.find((candidate) => candidate.year === reviewYear);
  if (!cycle) throw refuse('REVIEW_YEAR_NOT_SCHEDULED', { year: reviewYear });
  if (cycle.status === 'scheduled') throw refuse('REVIEW_NOT_OPEN', { year: reviewYear });
  if (cycle.status === 'recommendation-decided')
    throw refuse('RECOMMENDATION_ROUND_DONE', { year: reviewYear });
  if (isBefore(now, cycle.ratingDueAt))
    throw refuse('RATINGS_NOT_DUE', { year: reviewYear, dueAt: cycle.ratingDueAt });
  return cycle;
}

/** The cap on recommendations over the whole programme, or `null` where the pack sets none. */
export function recommendationCap(policy: PolicyPack): number | null {
  const rules = policy.provincialRecommendation;
  // Packs written before `maxRecommended` read the 3–5 as a cap on the city's recommendations over the
  // whole programme; where it is set, the 3–5 is the target for the province's list, and the cap (if
  // any) is this field.
  return rules.maxRecommended === undefined ? rules.maxTowns : rules.maxRecommended;
}

/** Why a ranked town is not put forward, or `null` when it is. */
export function notRecommendedReason(
  candidate: RankedCandidate,
  facts: {
    readonly exited: boolean;
    readonly listedByProvince: boolean;
    readonly recommendedBefore: boolean;
    readonly again: (typeof recommendAgainRules)[number];
    readonly placesLeft: number;
  },
): NotRecommendedReason | null {
  if (facts.exited) return 'exited';
  if (facts.listedByProvince) return 'listed-by-province';
  if (facts.recommendedBefore && facts.again === 'never') return 'already-recommended';
  if (!candidate.eligible) return 'not-eligible';
  if (facts.placesLeft === 0 && !facts.recommendedBefore) return 'over-maximum';
  return null;
}

/** The round of `reviewYear` as its pages have left it, once `requireRoundDue` lets it be recorded. */
function dueRound(
  state: ProgrammeState,
  ctx: DecisionContext,
  reviewYear: number,
): ProvincialRoundInProgress {
  requireRoundDue(state, reviewYear, ctx.now);
  const round = state.provincialRound;
  if (round && round.reviewYear === reviewYear) return round;
  const cap = recommendationCap(ctx.policy);
  const before = new Set(state.recommended.map((town) => town.townId)).size;
  return {
    reviewYear,
    pages: 0,
    towns: 0,
    recommended: 0,
    listedByProvince: 0,
    placesLeft: cap === null ? null : Math.max(0, cap - before),
    last: null,
    digest: '',
  };
}

export function decideRankingPage(
  command: RecordProvincialRankingPage,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  const { reviewYear, page, candidates } = command.data;
  const round = dueRound(state, ctx, reviewYear);
  // A page recorded already (a retried step) changes nothing; one ahead of the next is refused.
  if (page < round.pages) return [];
  if (page > round.pages)
    throw refuse('RANKING_PAGE_OUT_OF_ORDER', { year: reviewYear, expected: round.pages, page });
  if (candidates.length === 0 || candidates.length > MAX_RANKING_PAGE_TOWNS)
    throw refuse('RANKING_PAGE_SIZE', { maxTowns: MAX_RANKING_PAGE_TOWNS, towns: candidates.length });
  const again = ctx.policy.provincialRecommendation.recommendAgain ?? 'never';
  const recommendedBefore = new Set(
    state.recommended.filter((town) => town.reviewYear !== reviewYear).map((town) => town.townId),
  );
  const listed = new Set(state.listedTowns.map((town) => town.townId));
  const exited = new Set(state.exitedTowns);
  let placesLeft = round.placesLeft ?? Number.POSITIVE_INFINITY;
  let previous = round.last;
  const data: ProvincialRankingPageRecorded['data'] = {
    reviewYear,
    page,
    ranking: [],
    recommended: [],
    notRecommended: [],
    listedByProvince: candidates.filter((candidate) => candidate.listedByProvince === true).length,
    placesLeft: round.placesLeft,
  };
  for (const candidate of candidates) {
    if (!listed.has(candidate.townId)) throw refuse('TOWN_NOT_LISTED', { townId: candidate.townId });
    const ranked = rankCandidate(ctx.policy, reviewYear, candidate);
    // Strictly after the town before it: the pages are one ranking, and no town is ranked twice.
    if (previous && compareRanked(ctx.policy, previous, ranked) >= 0)
      throw refuse('RANKING_OUT_OF_ORDER', { townId: candidate.townId });
    previous = ranked;
    data.ranking.push(ranked);
    const before = recommendedBefore.has(candidate.townId);
    const reason = notRecommendedReason(ranked, {
      exited: exited.has(candidate.townId),
      listedByProvince: candidate.listedByProvince === true,
      recommendedBefore: before,
      again,
      placesLeft,
    });
    if (reason) {
      data.notRecommended.push({ townId: candidate.townId, reason });
    } else {
      data.recommended.push({
        townId: candidate.townId,
        rank: round.recommended + data.recommended.length + 1,
      });
      if (!before) placesLeft -= 1;
    }
  }
  return [
    {
      type: 'ProvincialRankingPageRecorded',
      data: { ...data, placesLeft: Number.isFinite(placesLeft) ? placesLeft : null },
    },
  ];
}

export function decideRoundClose(
  command: CloseProvincialRound,
  state: ProgrammeState,
  ctx: DecisionContext,
): ProgrammeEvent[] {
  const { reviewYear, pages, towns } = command.data;
  const round = dueRound(state, ctx, reviewYear);
  if (round.pages !== pages || round.towns !== towns)
    throw refuse('RANKING_PAGES_MISSING', {
      year: reviewYear,
      pages: round.pages,
      towns: round.towns,
      expectedPages: pages,
      expectedTowns: towns,
    });
  const totalRecommended = new Set(state.recommended.map((town) => town.townId)).size;
  const closed = {
    reviewYear,
    pages,
    towns,
    recommended: round.recommended,
    totalRecommended,
    pagesDigest: round.digest,
  };
  return [
    {
      type: 'ProvincialRoundClosed',
      data: { ...closed, ...roundTarget(ctx.policy, totalRecommended, round.listedByProvince) },
    },
  ];
}

/**
 * Whether a round leaves the pack's 3–5 target met: by the towns the province has listed where the pack
 * reads it as the province's list (`maxRecommended` set), by the towns recommended where it reads it as
 * a cap on recommendations.
 */
export function roundTarget(
  policy: PolicyPack,
  totalRecommended: number,
  listedByProvince: number,
): { targetMet: boolean; provincialList?: { listed: number; minTowns: number; maxTowns: number } } {
  const { minTowns, maxTowns, maxRecommended } = policy.provincialRecommendation;
  if (maxRecommended === undefined) return { targetMet: totalRecommended >= minTowns };
  // The target is the province's: how many towns it has listed so far, as the towns reported.
  return {
    targetMet: listedByProvince >= minTowns,
    provincialList: { listed: listedByProvince, minTowns, maxTowns },
  };
}

/** The next link of a round's chain of page hashes. */
export function pageDigest(previous: string, page: ProvincialRankingPageRecorded['data']): string {
  return bytesToHex(sha256(utf8ToBytes(previous + canonicalJson(page))));
}

/** What a recorded page leaves for the next one. */
export function afterPage(
  state: ProgrammeState,
  page: ProvincialRankingPageRecorded['data'],
): ProvincialRoundInProgress {
  const round = state.provincialRound?.reviewYear === page.reviewYear ? state.provincialRound : undefined;
  return {
    reviewYear: page.reviewYear,
    pages: page.page + 1,
    towns: (round?.towns ?? 0) + page.ranking.length,
    recommended: (round?.recommended ?? 0) + page.recommended.length,
    listedByProvince: (round?.listedByProvince ?? 0) + page.listedByProvince,
    placesLeft: page.placesLeft,
    last: page.ranking[page.ranking.length - 1] ?? round?.last ?? null,
    digest: pageDigest(round?.digest ?? '', page),
  };
}
