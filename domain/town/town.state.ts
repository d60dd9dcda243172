/**
 * What is known about one town, folded from its events. Plain JSON-able data: a workflow returns it
 * from a query and an auditor's replay rebuilds it event by event.
 */
import type { CandidateKindCode } from '../policy/policy-pack.schema';
import type { TownCommand } from './town.commands';
import type { ExitReason, RewardTrigger, TownSchedule } from './town.events';
import type { KeepsDeadlines } from '../shared/deadline-reminders';
import type { DeclaredCondition } from '../shared/application-rules';
import type { BilingualText } from '../shared/bilingual-text';

export type TownStatus =
  | 'none'
  | 'applied'
  | 'not-listed'
  /** Listed; the special plan and work plan are awaited or under review. */
  | 'planning'
  /** Plan approved; building, reviewed yearly. */
  | 'cultivating'
  | 'exited'
  | 'final-acceptance'
  | 'closed';

/** Every status in the order of a town's life: the API documents and filters list them in this order. */
export const townStatuses = [
  'none',
  'applied',
  'not-listed',
  'planning',
  'cultivating',
  'exited',
  'final-acceptance',
  'closed',
] as const satisfies readonly TownStatus[];

export type PlanStatus = 'not-required' | 'awaiting' | 'submitted' | 'returned' | 'approved';

export interface PlanState {
  readonly status: PlanStatus;
  readonly dueAt: string | null;
  /** The due instant an overdue notice was sent for: one notice per deadline. */
  readonly overdueNoticeFor: string | null;
  readonly extended: boolean;
  readonly submittedLate: boolean;
  readonly submissions: number;
  readonly documents: Readonly<Record<string, string>>;
}

export type RewardStatus = 'pending' | 'due' | 'paid' | 'forfeited' | 'not-earned';

/** A town's status as people read it (the console's words), for the messages that name it. */
export const townStatusNames: Readonly<Record<TownStatus, BilingualText>> = {
  none: { zh: '无', en: 'None' },
  applied: { zh: '已申报', en: 'Applied' },
  'not-listed': { zh: '未入选', en: 'Not listed' },
  planning: { zh: '规划编制中', en: 'Planning' },
  cultivating: { zh: '培育中', en: 'Cultivating' },
  exited: { zh: '已退出', en: 'Exited' },
  'final-acceptance': { zh: '终期验收中', en: 'Final acceptance' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** A reward's status as people read it (the console's words), for the messages that name it. */
export const rewardStatusNames: Readonly<Record<RewardStatus, BilingualText>> = {
  pending: { zh: '待达成', en: 'Pending' },
  due: { zh: '应付', en: 'Due' },
  paid: { zh: '已付', en: 'Paid' },
  forfeited: { zh: '已取消', en: 'Forfeited' },
  'not-earned': { zh: '未达成', en: 'Not earned' },
};

export interface RewardState {
  readonly reward: string;
  readonly amountYuan: number;
  readonly trigger: RewardTrigger;
  readonly status: RewardStatus;
  readonly paymentRef: string | null;
}

export type ReviewStatus = 'scheduled' | 'open' | 'statistics-submitted' | 'rated';

export interface ReviewState {
  readonly year: number;
  readonly opensAt: string;
  readonly statisticsDueAt: string;
  readonly status: ReviewStatus;
  readonly extended: boolean;
}

export interface RatingRecord {
  readonly rating: string;
  readonly score: number | null;
  readonly basis: 'assessment' | 'missing-statistics';
  readonly provincialCandidate: boolean;
}

export interface LandSupportState {
  /** Years a rating entitles the town to land support for. */
  readonly entitledYears: readonly number[];
  readonly grantedYears: readonly number[];
  /** What was granted, per year: the area (亩) where the pack records it, else null. */
  readonly grants: readonly { readonly year: number; readonly areaMu: number | null }[];
}

export interface ProjectApproval {
  readonly procedure: string;
  readonly appliedOn: string;
  readonly approvedOn: string;
  readonly daysTaken: number;
  readonly greenChannel: boolean;
}

/** §III.2: one construction project inside the town. */
export interface ProjectState {
  readonly projectId: string;
  readonly name: string;
  readonly investmentPlannedYuan: number;
  readonly investmentCompletedYuan: number;
  readonly completed: boolean;
  /** The key-project schedule's reference, once the project is in it. */
  readonly keySchedule: string | null;
  readonly approvals: readonly ProjectApproval[];
}

/** §III.5: money recorded for the town, per year and source. */
export interface FundingEntry {
  readonly year: number;
  readonly source: string;
  readonly level: 'county' | 'township' | 'city';
  readonly amountYuan: number;
}

export interface ExitState {
  readonly reason: ExitReason;
  readonly year: number;
  readonly exitedAt: string;
  readonly supportEndsAt: string;
  readonly supportEnded: boolean;
}

export interface AcceptanceState {
  readonly startedAt: string;
  readonly inspections: readonly { unit: string; satisfactory: boolean; findings: string }[];
  readonly opinion: { recommendation: 'accept' | 'reject'; opinion: string } | null;
  readonly outcome: 'accepted' | 'not-accepted' | null;
}

/** A deadline the scheduler must fire: at `dueAt`, send `command` as seat `system`. */
export interface TownDeadline {
  readonly name: string;
  readonly dueAt: string;
  readonly command: TownCommand;
}

export interface TownState extends KeepsDeadlines<TownDeadline> {
  readonly status: TownStatus;
  readonly townId: string | null;
  readonly batchId: string | null;
  readonly name: string | null;
  readonly county: string | null;
  readonly kind: CandidateKindCode | null;
  readonly industry: string | null;
  /** What the industry is, when it is `other` (outside the pack's open list). */
  readonly industryDescription: string | null;
  /** The conditions the application declared (§IV.1), each with its statement; none in older packs. */
  readonly declaredConditions: readonly DeclaredCondition[];
  readonly appliedAt: string | null;
  readonly listedAt: string | null;
  readonly weightedScore: number | null;
  readonly schedule: TownSchedule | null;
  readonly plan: PlanState;
  readonly rewards: readonly RewardState[];
  readonly reviews: readonly ReviewState[];
  readonly ratingsByYear: Readonly<Record<number, RatingRecord>>;
  readonly landSupport: LandSupportState;
  readonly projects: readonly ProjectState[];
  readonly funding: readonly FundingEntry[];
  readonly observation: { readonly sinceYear: number; readonly recheckDueAt: string } | null;
  readonly progressCheck: {
    readonly dueAt: string | null;
    readonly status: 'not-scheduled' | 'pending' | 'passed' | 'failed' | 'cancelled';
    /** Checks held and failed while the check stayed open for another attempt. */
    readonly failedAttempts: number;
  };
  readonly provincial: {
    /** The first year the town was recommended, and its rank that year. */
    readonly recommendedInYear: number | null;
    readonly rank: number | null;
    /** Review years whose recommendation round has been decided for the town. */
    readonly decidedYears: readonly number[];
    /** Review years the town was recommended for (more than one where the pack recommends again). */
    readonly recommendedYears: readonly number[];
    /** The province's answers, per recommendation. */
    readonly decisions: readonly { readonly reviewYear: number; readonly listed: boolean }[];
  };
  readonly exit: ExitState | null;
  readonly acceptance: AcceptanceState | null;
}

export const initialTownState: TownState = {
  status: 'none',
  townId: null,
  batchId: null,
  name: null,
  county: null,
  kind: null,
  industry: null,
  industryDescription: null,
  declaredConditions: [],
  appliedAt: null,
  listedAt: null,
  weightedScore: null,
  schedule: null,
  plan: {
    status: 'not-required',
    dueAt: null,
    overdueNoticeFor: null,
    extended: false,
    submittedLate: false,
    submissions: 0,
    documents: {},
  },
  rewards: [],
  reviews: [],
  ratingsByYear: {},
  landSupport: { entitledYears: [], grantedYears: [], grants: [] },
  projects: [],
  funding: [],
  observation: null,
  progressCheck: { dueAt: null, status: 'not-scheduled', failedAttempts: 0 },
  provincial: { recommendedInYear: null, rank: null, decidedYears: [], recommendedYears: [], decisions: [] },
  exit: null,
  acceptance: null,
  deadlines: [],
  remindersSent: {},
};

/** Whether the province has put the town on its list. */
export function isListedByProvince(state: TownState): boolean {
  return state.provincial.decisions.some((decision) => decision.listed);
}

/** Listed and not yet exited, closed or in final acceptance: the steps of cultivation apply. */
export function isCultivationActive(state: TownState): boolean {
  return state.status === 'planning' || state.status === 'cultivating';
}
