/**
 * Facts about one town, each stored in the town's stream. Data carries whatever a later reader needs
 * without the pack (due instants, amounts, normalised codes), so a replay never re-derives a fact
 * under rules other than those it was decided under.
 */
import type { DomainEvent } from '../shared/decision';
import type { CandidateKindCode } from '../policy/policy-pack.schema';
import type { AcceptanceFinding, ProjectProgress } from './town.commands';
import type { DeadlineReminderSent } from '../shared/deadline-reminders';
import type { DeclaredCondition } from '../shared/application-rules';

export type { DeadlineReminderSent } from '../shared/deadline-reminders';

export interface ReviewSlot {
  readonly year: number;
  readonly opensAt: string;
  readonly statisticsDueAt: string;
}

/** Every date a listed town will be held to, fixed when it is listed. */
export interface TownSchedule {
  readonly planDueAt: string;
  readonly progressCheckDueAt: string;
  readonly reviews: readonly ReviewSlot[];
  readonly finalAcceptanceStartsAt: string;
}

export type RewardTrigger = 'listed' | 'progress-check-passed';

/** Why a town leaves cultivation: its rating, a second observation rating, or its observation re-check. */
export const exitReasons = [
  'rating',
  'rated-again-under-observation',
  'observation-recheck-failed',
  'observation-recheck-missed',
] as const;

export type ExitReason = (typeof exitReasons)[number];

export type TownApplied = DomainEvent<
  'TownApplied',
  {
    townId: string;
    batchId: string;
    name: string;
    county: string;
    countyNameZh: string;
    kind: CandidateKindCode;
    industry: string;
    appliedAt: string;
    industryDescription?: string;
    declaredConditions?: DeclaredCondition[];
  }
>;
export type TownListed = DomainEvent<
  'TownListed',
  {
    batchId: string;
    publishedAt: string;
    weightedScore: number | null;
    schedule: TownSchedule;
    rewards: { reward: string; amountYuan: number; trigger: RewardTrigger }[];
  }
>;
export type TownNotListed = DomainEvent<
  'TownNotListed',
  { batchId: string; publishedAt: string; reason: string | null }
>;
export type RewardDue = DomainEvent<'RewardDue', { reward: string; amountYuan: number }>;
export type RewardPaid = DomainEvent<
  'RewardPaid',
  { reward: string; amountYuan: number; paymentRef: string }
>;
export type RewardForfeited = DomainEvent<
  'RewardForfeited',
  { reward: string; amountYuan: number; reason: 'town-exited' | 'support-ended' }
>;
export type RewardNotEarned = DomainEvent<
  'RewardNotEarned',
  { reward: string; amountYuan: number; reason: 'progress-check-failed' | 'progress-check-not-held' }
>;
export type PlanSubmitted = DomainEvent<
  'PlanSubmitted',
  { documents: Record<string, string>; dueAt: string; submittedAt: string; late: boolean }
>;
export type PlanOverdue = DomainEvent<
  'PlanOverdue',
  { dueAt: string; noticeTo: string; escalatedTo: string }
>;
export type PlanDeadlineExtended = DomainEvent<
  'PlanDeadlineExtended',
  { previousDueAt: string; dueAt: string }
>;
export type PlanApproved = DomainEvent<'PlanApproved', { note: string | null }>;
export type PlanReturned = DomainEvent<'PlanReturned', { reasons: string[]; resubmitDueAt: string }>;
export type YearlyReviewOpened = DomainEvent<'YearlyReviewOpened', { year: number; statisticsDueAt: string }>;
export type YearlyStatisticsSubmitted = DomainEvent<
  'YearlyStatisticsSubmitted',
  {
    year: number;
    statistics: Record<string, number>;
    projectProgress: ProjectProgress;
    /** `projects`: the figures were read from the town's registered projects, not typed. */
    projectProgressFrom?: 'projects';
  }
>;
export type StatisticsDeadlineExtended = DomainEvent<
  'StatisticsDeadlineExtended',
  { year: number; previousDueAt: string; statisticsDueAt: string }
>;
export type TownRated = DomainEvent<
  'TownRated',
  {
    year: number;
    rating: string;
    score: number | null;
    basis: 'assessment' | 'missing-statistics';
    assessment: string | null;
    /** The year the rating earns land support for, if it does ("from the next year"). */
    landSupportYear: number | null;
    provincialCandidate: boolean;
    consequence: 'continue' | 'observation' | 'exit';
  }
>;
export type LandSupportGranted = DomainEvent<
  'LandSupportGranted',
  /** The area granted (亩) and the land bureau's document, where the pack records them. */
  { year: number; areaMu?: number; reference?: string }
>;
export type ProjectRegistered = DomainEvent<
  'ProjectRegistered',
  { projectId: string; name: string; investmentPlannedYuan: number }
>;
export type ProjectScheduledAsKey = DomainEvent<
  'ProjectScheduledAsKey',
  { projectId: string; reference: string }
>;
export type ProjectApprovalRecorded = DomainEvent<
  'ProjectApprovalRecorded',
  {
    projectId: string;
    procedure: string;
    appliedOn: string;
    approvedOn: string;
    /** Calendar days from application to approval: how fast the procedure went. */
    daysTaken: number;
    greenChannel: boolean;
    fastTrack: string[];
    reference: string;
  }
>;
export type ProjectProgressRecorded = DomainEvent<
  'ProjectProgressRecorded',
  { projectId: string; investmentCompletedYuan: number; completed: boolean }
>;
export type FundingRecorded = DomainEvent<
  'FundingRecorded',
  {
    year: number;
    source: string;
    level: 'county' | 'township' | 'city';
    amountYuan: number;
    reference: string;
    purpose: string | null;
  }
>;
export type TownPlacedUnderObservation = DomainEvent<
  'TownPlacedUnderObservation',
  { year: number; recheckDueAt: string }
>;
export type ObservationLifted = DomainEvent<'ObservationLifted', { findings: string; recheckHeld: boolean }>;
export type TownExited = DomainEvent<
  'TownExited',
  { reason: ExitReason; year: number; exitedAt: string; supportEndsAt: string }
>;
export type TownSupportEnded = DomainEvent<
  'TownSupportEnded',
  { supportEndsAt: string; landSupportYears: number[] }
>;
export type ProgressCheckPassed = DomainEvent<'ProgressCheckPassed', { findings: string }>;
export type ProgressCheckFailed = DomainEvent<
  'ProgressCheckFailed',
  {
    findings: string;
    reason: 'assessment' | 'not-checked-in-time';
    /** Present when the check may be taken again until then: the check stays open. */
    retakeUntil?: string | null;
  }
>;
export type TownRecommendedToProvince = DomainEvent<
  'TownRecommendedToProvince',
  { reviewYear: number; rank: number | null }
>;
export type TownNotRecommendedToProvince = DomainEvent<
  'TownNotRecommendedToProvince',
  /** Why, as the programme's round decided it (absent in rounds decided before reasons were relayed). */
  { reviewYear: number; reason?: string }
>;
export type ProvincialDecisionRecorded = DomainEvent<
  'ProvincialDecisionRecorded',
  { reviewYear: number; listed: boolean; reference: string }
>;
export type FinalAcceptanceStarted = DomainEvent<
  'FinalAcceptanceStarted',
  { startedAt: string; reviewsHeld: number }
>;
export type SiteInspected = DomainEvent<
  'SiteInspected',
  { unit: string; satisfactory: boolean; findings: string; inspectorId: string }
>;
export type AcceptanceOpinionFormed = DomainEvent<
  'AcceptanceOpinionFormed',
  {
    recommendation: 'accept' | 'reject';
    opinion: string;
    inspectingUnits: string[];
    /** Per acceptance criterion of the pack (§IV.4's four requirements in Pingxiang's). */
    findings?: Record<string, AcceptanceFinding>;
  }
>;
export type AcceptanceDeliberated = DomainEvent<
  'AcceptanceDeliberated',
  { accepted: boolean; minutesRef: string }
>;
export type TownClosed = DomainEvent<'TownClosed', { outcome: 'accepted' | 'not-accepted' }>;

export type TownEvent =
  | TownApplied
  | TownListed
  | TownNotListed
  | RewardDue
  | RewardPaid
  | RewardForfeited
  | RewardNotEarned
  | PlanSubmitted
  | PlanOverdue
  | PlanDeadlineExtended
  | PlanApproved
  | PlanReturned
  | YearlyReviewOpened
  | YearlyStatisticsSubmitted
  | StatisticsDeadlineExtended
  | TownRated
  | LandSupportGranted
  | ProjectRegistered
  | ProjectScheduledAsKey
  | ProjectApprovalRecorded
  | ProjectProgressRecorded
  | FundingRecorded
  | TownPlacedUnderObservation
  | ObservationLifted
  | TownExited
  | TownSupportEnded
  | ProgressCheckPassed
  | ProgressCheckFailed
  | TownRecommendedToProvince
  | TownNotRecommendedToProvince
  | ProvincialDecisionRecorded
  | FinalAcceptanceStarted
  | SiteInspected
  | AcceptanceOpinionFormed
  | AcceptanceDeliberated
  | TownClosed
  | DeadlineReminderSent;

export type TownEventType = TownEvent['type'];
