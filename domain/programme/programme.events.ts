import type { BatchCalendar, ReviewCalendar } from '../policy/policy-rules';
import type { DomainEvent } from '../shared/decision';
import type { DeadlineReminderSent } from '../shared/deadline-reminders';

export interface RankedCandidate {
  readonly townId: string;
  readonly rating: string | null;
  readonly eligible: boolean;
  readonly consecutiveEligibleYears: number;
  readonly totalEligibleYears: number;
  readonly score: number | null;
}

export type NotRecommendedReason =
  'not-eligible' | 'over-maximum' | 'already-recommended' | 'exited' | 'listed-by-province';

export type ProgrammeStarted = DomainEvent<
  'ProgrammeStarted',
  {
    programmeId: string;
    batches: BatchCalendar[];
    reviewCycles: ReviewCalendar[];
    finalAcceptanceStartsAt: string;
    provincialRecommendation: { minTowns: number; maxTowns: number };
  }
>;
export type ProgrammeBatchOpened = DomainEvent<
  'ProgrammeBatchOpened',
  { batchId: string; priorListedByCounty: Record<string, string[]> }
>;
export type BatchListRecorded = DomainEvent<
  'BatchListRecorded',
  { batchId: string; listed: { townId: string; county: string }[] }
>;
/** A page of the towns a batch listed in pages (decision 0069), as the batch's stream holds them. */
export type BatchListPageRecorded = DomainEvent<
  'BatchListPageRecorded',
  { batchId: string; page: number; listed: { townId: string; county: string }[] }
>;
/** A batch's list, recorded in pages, is whole; `batchPagesDigest` is the batch's own chain of its pages. */
export type BatchListClosed = DomainEvent<
  'BatchListClosed',
  { batchId: string; pages: number; towns: number; batchPagesDigest: string }
>;
export type TownExitRecorded = DomainEvent<'TownExitRecorded', { townId: string; supportEndsAt: string }>;
export type ReviewCycleOpened = DomainEvent<'ReviewCycleOpened', { year: number; towns: string[] }>;
export type ProvincialRecommendationsDecided = DomainEvent<
  'ProvincialRecommendationsDecided',
  {
    reviewYear: number;
    /** Eligible candidates in rank order, then the rest: every input the ranking used. */
    ranking: RankedCandidate[];
    recommended: { townId: string; rank: number }[];
    notRecommended: { townId: string; reason: NotRecommendedReason }[];
    /** Towns recommended over the whole programme so far. */
    totalRecommended: number;
    /**
     * Whether the pack's 3–5 target is met: by the towns the province has listed where the pack reads it
     * as the province's list (`provincialList` present); by the towns recommended where it reads it as
     * a cap on recommendations (packs without `maxRecommended`).
     */
    targetMet: boolean;
    provincialList?: { listed: number; minTowns: number; maxTowns: number };
  }
>;
/**
 * One page of a round recorded in parts (docs/decisions/0066): its candidates in rank order, each with
 * the inputs its rank used, and what was decided for each. `rank` counts across the round's pages.
 */
export type ProvincialRankingPageRecorded = DomainEvent<
  'ProvincialRankingPageRecorded',
  {
    reviewYear: number;
    page: number;
    ranking: RankedCandidate[];
    recommended: { townId: string; rank: number }[];
    notRecommended: { townId: string; reason: NotRecommendedReason }[];
    /** Candidates on this page the province had listed already. */
    listedByProvince: number;
    /** Places left under the pack's cap after this page; `null` where there is no cap. */
    placesLeft: number | null;
  }
>;
/**
 * The end of a round recorded in parts: its totals and the SHA-256 chain of its pages (each link the
 * hash of the link before and the page's canonical JSON), so the pages can be checked as a whole.
 */
export type ProvincialRoundClosed = DomainEvent<
  'ProvincialRoundClosed',
  {
    reviewYear: number;
    pages: number;
    towns: number;
    /** Towns recommended in this round. */
    recommended: number;
    totalRecommended: number;
    targetMet: boolean;
    provincialList?: { listed: number; minTowns: number; maxTowns: number };
    pagesDigest: string;
  }
>;
export type FinalAcceptanceRoundStarted = DomainEvent<'FinalAcceptanceRoundStarted', { towns: string[] }>;
export type ProgrammeClosed = DomainEvent<'ProgrammeClosed', { closedAt: string }>;

export type ProgrammeEvent =
  | ProgrammeStarted
  | ProgrammeBatchOpened
  | BatchListRecorded
  | BatchListPageRecorded
  | BatchListClosed
  | TownExitRecorded
  | ReviewCycleOpened
  | ProvincialRecommendationsDecided
  | ProvincialRankingPageRecorded
  | ProvincialRoundClosed
  | FinalAcceptanceRoundStarted
  | ProgrammeClosed
  | DeadlineReminderSent;
