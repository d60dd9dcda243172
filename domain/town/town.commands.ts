/**
 * What officials (and the scheduler, seat `system`) can ask of a town. One type per step of the
 * lifecycle; the decider says whether the step is allowed now and what facts it produces.
 */
import type { ApplicationInput } from '../shared/application-rules';
import type { SendDeadlineReminder } from '../shared/deadline-reminders';

export type { SendDeadlineReminder } from '../shared/deadline-reminders';

interface Command<T extends string, D> {
  readonly type: T;
  readonly data: D;
}
type NoData = Readonly<Record<string, never>>;

/** §IV.1: a county applies for one of its towns in a batch's window. */
export type ApplyForTown = Command<
  'ApplyForTown',
  { readonly townId: string; readonly batchId: string } & ApplicationInput
>;
/** §IV.1: the batch's published list, as it concerns this town. */
export type RecordSelection = Command<
  'RecordSelection',
  {
    readonly batchId: string;
    readonly listed: boolean;
    readonly publishedAt: string;
    readonly weightedScore: number | null;
    readonly reason?: string;
  }
>;
/** §III.5: finance pays a reward that has become due. */
export type PayReward = Command<'PayReward', { readonly reward: string; readonly paymentRef: string }>;
/** §IV.2: special plan and work plan, each a document reference keyed by the pack's document code. */
export type SubmitPlan = Command<'SubmitPlan', { readonly documents: Readonly<Record<string, string>> }>;
export type MarkPlanOverdue = Command<'MarkPlanOverdue', NoData>;
/** `until` is a Shanghai date; the plan is due by the end of it. */
export type GrantPlanExtension = Command<'GrantPlanExtension', { readonly until: string }>;
export type ApprovePlan = Command<'ApprovePlan', { readonly note?: string }>;
export type ReturnPlan = Command<'ReturnPlan', { readonly reasons: readonly string[] }>;
/** §IV.3 yearly review. */
export type OpenYearlyReview = Command<'OpenYearlyReview', { readonly year: number }>;
export interface ProjectProgress {
  readonly projectsPlanned: number;
  readonly projectsCompleted: number;
  readonly investmentPlannedYuan: number;
  readonly investmentCompletedYuan: number;
}
export type SubmitYearlyStatistics = Command<
  'SubmitYearlyStatistics',
  {
    readonly year: number;
    readonly statistics: Readonly<Record<string, number>>;
    readonly projectProgress: ProjectProgress;
  }
>;
export type GrantStatisticsExtension = Command<'GrantStatisticsExtension', { readonly year: number }>;
export type RateMissingStatisticsUnqualified = Command<
  'RateMissingStatisticsUnqualified',
  { readonly year: number }
>;
/** The office scores the year (0–100); the pack's bands turn the score into a rating. */
export type RateTown = Command<
  'RateTown',
  { readonly year: number; readonly score: number; readonly assessment: string }
>;
export type GrantLandSupport = Command<'GrantLandSupport', { readonly year: number }>;
export type RecordObservationRecheck = Command<
  'RecordObservationRecheck',
  { readonly passed: boolean; readonly findings: string }
>;
export type ExpireObservationRecheck = Command<'ExpireObservationRecheck', NoData>;
/** §III.5 two-year progress check. */
export type RecordProgressCheck = Command<
  'RecordProgressCheck',
  { readonly passed: boolean; readonly findings: string }
>;
export type ExpireProgressCheck = Command<'ExpireProgressCheck', NoData>;
/** "From the next year on": the scheduler ends an exited town's support on 1 January. */
export type EndTownSupport = Command<'EndTownSupport', NoData>;
/** §IV.3 the programme's provincial recommendation, as it concerns this town, and why not if not. */
export type RecordProvincialRecommendation = Command<
  'RecordProvincialRecommendation',
  {
    readonly reviewYear: number;
    readonly recommended: boolean;
    readonly rank: number | null;
    readonly reason?: string;
  }
>;
/** §I.3 the province's answer to a recommendation: the town is on its list of characteristic towns or not. */
export type RecordProvincialDecision = Command<
  'RecordProvincialDecision',
  { readonly reviewYear: number; readonly listed: boolean; readonly reference: string }
>;
/** §IV.4 final acceptance: start, inspections by member units, opinion, deliberation. */
export type StartFinalAcceptance = Command<'StartFinalAcceptance', NoData>;
export type RecordSiteInspection = Command<
  'RecordSiteInspection',
  { readonly unit: string; readonly satisfactory: boolean; readonly findings: string }
>;
/** A finding on one of the pack's acceptance criteria: met or not, and what was found. */
export interface AcceptanceFinding {
  readonly met: boolean;
  readonly finding: string;
}
export type FormAcceptanceOpinion = Command<
  'FormAcceptanceOpinion',
  {
    readonly recommendation: 'accept' | 'reject';
    /** The opinion as a whole. */
    readonly opinion: string;
    /** One finding per acceptance criterion of the pack, by its code (where the pack sets criteria). */
    readonly findings?: Readonly<Record<string, AcceptanceFinding>>;
  }
>;
export type RecordAcceptanceDeliberation = Command<
  'RecordAcceptanceDeliberation',
  { readonly accepted: boolean; readonly minutesRef: string }
>;

export type TownCommand =
  | ApplyForTown
  | RecordSelection
  | PayReward
  | SubmitPlan
  | MarkPlanOverdue
  | GrantPlanExtension
  | ApprovePlan
  | ReturnPlan
  | OpenYearlyReview
  | SubmitYearlyStatistics
  | GrantStatisticsExtension
  | RateMissingStatisticsUnqualified
  | RateTown
  | GrantLandSupport
  | RecordObservationRecheck
  | ExpireObservationRecheck
  | RecordProgressCheck
  | ExpireProgressCheck
  | EndTownSupport
  | RecordProvincialRecommendation
  | RecordProvincialDecision
  | StartFinalAcceptance
  | RecordSiteInspection
  | FormAcceptanceOpinion
  | RecordAcceptanceDeliberation
  | SendDeadlineReminder;

export type TownCommandType = TownCommand['type'];

export const townCommandTypes: readonly TownCommandType[] = [
  'ApplyForTown',
  'RecordSelection',
  'PayReward',
  'SubmitPlan',
  'MarkPlanOverdue',
  'GrantPlanExtension',
  'ApprovePlan',
  'ReturnPlan',
  'OpenYearlyReview',
  'SubmitYearlyStatistics',
  'GrantStatisticsExtension',
  'RateMissingStatisticsUnqualified',
  'RateTown',
  'GrantLandSupport',
  'RecordObservationRecheck',
  'ExpireObservationRecheck',
  'RecordProgressCheck',
  'ExpireProgressCheck',
  'EndTownSupport',
  'RecordProvincialRecommendation',
  'RecordProvincialDecision',
  'StartFinalAcceptance',
  'RecordSiteInspection',
  'FormAcceptanceOpinion',
  'RecordAcceptanceDeliberation',
  'SendDeadlineReminder',
];
