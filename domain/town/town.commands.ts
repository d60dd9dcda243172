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
    /** Typed by the county; left out where the pack takes it from the town's registered projects. */
    readonly projectProgress?: ProjectProgress;
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
/** §III.4: the land granted for a year the rating earned, with its area (亩) where the pack records it. */
export type GrantLandSupport = Command<
  'GrantLandSupport',
  { readonly year: number; readonly areaMu?: number; readonly reference?: string }
>;
/** §III.2: a construction project inside the town, registered by its county under its own code. */
export type RegisterProject = Command<
  'RegisterProject',
  { readonly projectId: string; readonly name: string; readonly investmentPlannedYuan: number }
>;
/** §III.2 "整体打包列入市重点项目调度": the project is in the city's key-project schedule. */
export type ScheduleKeyProject = Command<
  'ScheduleKeyProject',
  { readonly projectId: string; readonly reference: string }
>;
/** §III.2 one approval procedure of a project, through the green channel or not, with its dates. */
export type RecordProjectApproval = Command<
  'RecordProjectApproval',
  {
    readonly projectId: string;
    /** An approval procedure code of the pack. */
    readonly procedure: string;
    /** Shanghai dates: applied for, approved. */
    readonly appliedOn: string;
    readonly approvedOn: string;
    readonly greenChannel: boolean;
    /** The pack's fast-track methods used (green channel only). */
    readonly fastTrack: readonly string[];
    readonly reference: string;
  }
>;
/** The project's investment completed so far (cumulative) and whether it is finished. */
export type RecordProjectProgress = Command<
  'RecordProjectProgress',
  { readonly projectId: string; readonly investmentCompletedYuan: number; readonly completed: boolean }
>;
/** §III.5 money for the town in a year from one of the pack's funding sources. */
export type RecordFunding = Command<
  'RecordFunding',
  {
    readonly year: number;
    readonly source: string;
    readonly amountYuan: number;
    readonly reference: string;
    readonly purpose?: string;
  }
>;
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
  | RegisterProject
  | ScheduleKeyProject
  | RecordProjectApproval
  | RecordProjectProgress
  | RecordFunding
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
  'RegisterProject',
  'ScheduleKeyProject',
  'RecordProjectApproval',
  'RecordProjectProgress',
  'RecordFunding',
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
