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
export type FinalAcceptanceRoundStarted = DomainEvent<'FinalAcceptanceRoundStarted', { towns: string[] }>;
export type ProgrammeClosed = DomainEvent<'ProgrammeClosed', { closedAt: string }>;

export type ProgrammeEvent =
  | ProgrammeStarted
  | ProgrammeBatchOpened
  | BatchListRecorded
  | TownExitRecorded
  | ReviewCycleOpened
  | ProvincialRecommendationsDecided
  | FinalAcceptanceRoundStarted
  | ProgrammeClosed
  | DeadlineReminderSent;
