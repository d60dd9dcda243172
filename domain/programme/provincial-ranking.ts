/**
 * §I.3 "争取推荐3-5个示范小镇列入省级特色小镇": who goes forward when more towns qualify than the
 * province takes. The order is the pack's list of ranking keys (each higher-is-better), then the town
 * id so that equal towns are always ordered the same way in every replay.
 */
import type { PolicyPack, RankingKey } from '../policy/policy-pack.schema';
import type { RecommendationCandidate } from './programme.commands';
import type { RankedCandidate } from './programme.events';

function isEligible(policy: PolicyPack, rating: string | undefined): boolean {
  return rating !== undefined && policy.provincialRecommendation.eligibleRatings.includes(rating);
}

export function rankCandidate(
  policy: PolicyPack,
  reviewYear: number,
  candidate: RecommendationCandidate,
): RankedCandidate {
  const ratingIn = (year: number): string | undefined => candidate.ratingsByYear[String(year)]?.rating;
  let consecutive = 0;
  while (isEligible(policy, ratingIn(reviewYear - consecutive))) consecutive += 1;
  const totalEligibleYears = Object.entries(candidate.ratingsByYear).filter(
    ([year, record]) => Number(year) <= reviewYear && isEligible(policy, record.rating),
  ).length;
  const current = candidate.ratingsByYear[String(reviewYear)];
  return {
    townId: candidate.townId,
    rating: current?.rating ?? null,
    eligible: isEligible(policy, current?.rating),
    consecutiveEligibleYears: consecutive,
    totalEligibleYears,
    score: current?.score ?? null,
  };
}

function keyValue(candidate: RankedCandidate, key: RankingKey): number {
  switch (key) {
    case 'consecutive-eligible-years':
      return candidate.consecutiveEligibleYears;
    case 'total-eligible-years':
      return candidate.totalEligibleYears;
    case 'score':
      return candidate.score ?? Number.NEGATIVE_INFINITY;
    default: {
      const _exhaustive: never = key;
      return _exhaustive;
    }
  }
}

/**
 * The ranking's order: eligible candidates first, in the pack's order; then the others; ties by town
 * id. Negative when `a` ranks before `b`; 0 only for the same town with the same inputs.
 */
export function compareRanked(policy: PolicyPack, a: RankedCandidate, b: RankedCandidate): number {
  if (a.eligible !== b.eligible) return a.eligible ? -1 : 1;
  for (const key of policy.provincialRecommendation.ranking) {
    const difference = keyValue(b, key) - keyValue(a, key);
    if (difference !== 0) return difference;
  }
  return a.townId < b.townId ? -1 : a.townId > b.townId ? 1 : 0;
}

/** Eligible candidates first, in the pack's order; then the others, by town id. */
export function rankCandidates(
  policy: PolicyPack,
  reviewYear: number,
  candidates: readonly RecommendationCandidate[],
): RankedCandidate[] {
  const ranked = candidates.map((candidate) => rankCandidate(policy, reviewYear, candidate));
  return ranked.sort((a, b) => compareRanked(policy, a, b));
}

/** The candidates themselves in rank order: what a round recorded in pages hands its pages. */
export function candidatesInRankOrder(
  policy: PolicyPack,
  reviewYear: number,
  candidates: readonly RecommendationCandidate[],
): RecommendationCandidate[] {
  return candidates
    .map((candidate) => ({ candidate, ranked: rankCandidate(policy, reviewYear, candidate) }))
    .sort((a, b) => compareRanked(policy, a.ranked, b.ranked))
    .map(({ candidate }) => candidate);
}
