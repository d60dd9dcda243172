import type { PolicyPack } from '../policy/policy-pack.schema';
import { findCounty } from '../policy/policy-rules';
import { refuse, type DomainRefusal } from '../shared/domain-refusal';
import { compareText } from '../shared/text-order';
import type { Application } from './batch.events';
import type { BatchState } from './batch.state';

/** Why an applicant cannot be listed (yet): not scored, below the pack's passing score, a condition unmet. */
export type RankingBar = 'unscored' | 'below-passing-score' | 'conditions-not-met';

export interface RankedApplicant {
  readonly application: Application;
  readonly weightedScore: number | null;
  /** 1 for the highest weighted score; null until scored. */
  readonly rank: number | null;
  /** Absent when the joint meeting may list the applicant. */
  readonly bar?: RankingBar;
}

/** Highest weighted score first; equal scores by town id, the same everywhere (text-order.ts). */
export function byWeightedScore(
  a: { readonly weightedScore: number; readonly townId: string },
  b: { readonly weightedScore: number; readonly townId: string },
): number {
  return b.weightedScore - a.weightedScore || compareText(a.townId, b.townId);
}

/** The conditions the office found a town not to meet at its defence. */
export function rejectedConditions(state: BatchState, townId: string): string[] {
  return Object.entries(state.scores[townId]?.conditions ?? {})
    .filter(([, confirmed]) => !confirmed)
    .map(([code]) => code);
}

/**
 * The ranking the defence scores give (§IV.1 竞争性答辩): scored applicants in the order the list decision
 * sorts them, the unscored after them; each with what bars it from the list under the pack's rules.
 */
export function batchRanking(state: BatchState, policy: PolicyPack): RankedApplicant[] {
  const { passingScore } = policy.selection;
  const scored = state.applications
    .filter((application) => state.scores[application.townId] !== undefined)
    .map((application) => ({
      application,
      townId: application.townId,
      weightedScore: state.scores[application.townId]?.weightedScore ?? 0,
    }))
    .sort(byWeightedScore);
  const unscored = state.applications
    .filter((application) => state.scores[application.townId] === undefined)
    .sort((a, b) => compareText(a.townId, b.townId));
  return [
    ...scored.map(({ application, weightedScore }, index): RankedApplicant => {
      const bar: RankingBar | undefined =
        rejectedConditions(state, application.townId).length > 0
          ? 'conditions-not-met'
          : passingScore !== null && weightedScore < passingScore
            ? 'below-passing-score'
            : undefined;
      return { application, weightedScore, rank: index + 1, ...(bar ? { bar } : {}) };
    }),
    ...unscored.map((application): RankedApplicant => ({
      application,
      weightedScore: null,
      rank: null,
      bar: 'unscored',
    })),
  ];
}

export interface CountyPlaces {
  readonly county: string;
  /** Towns of the county listed in earlier batches (less exited ones, where the pack frees their place). */
  readonly listedBefore: number;
  readonly applications: number;
  /** Listed by this batch's decision; 0 before it. */
  readonly listedHere: number;
  readonly maxTowns: number;
}

/** Each county's places against the pack's limit, as the list decision checks them (COUNTY_QUOTA_FULL). */
export function countyPlaces(state: BatchState, policy: PolicyPack): CountyPlaces[] {
  return policy.counties.map(({ code }) => ({
    county: code,
    listedBefore: state.priorListedByCounty[code]?.length ?? 0,
    applications: state.applications.filter((application) => application.county === code).length,
    listedHere: state.listed.filter((town) => town.county === code).length,
    maxTowns: policy.quota.maxTownsPerCounty,
  }));
}

/** A county past the pack's limit, named in each message's language; `countyCode` is for machines. */
export function countyQuotaFull(
  policy: PolicyPack,
  county: string,
  count: number,
  max: number,
): DomainRefusal {
  const rule = findCounty(policy, county);
  return refuse('COUNTY_QUOTA_FULL', {
    county: rule?.nameZh ?? county,
    countyEn: rule?.nameEn ?? county,
    countyCode: county,
    count,
    max,
  });
}
