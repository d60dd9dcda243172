/**
 * Folds one event into the state. Total and pure: every event type has a case, nothing is refused
 * here (refusing is the decider's job), and the pending deadlines are recomputed at the end.
 */
import { shanghaiYearOf } from '../calendar/shanghai-calendar';
import type { DeadlineReminderSent } from '../shared/deadline-reminders';
import { evolveWithDeadlines, unknownEventKeeps } from '../shared/evolve-with-deadlines';
import { townDeadlines } from './town.deadlines';
import type { TownEvent } from './town.events';
import type { ProjectState, RewardState, ReviewState, TownDeadline, TownState } from './town.state';

function withReward(state: TownState, reward: string, change: Partial<RewardState>): TownState {
  return {
    ...state,
    rewards: state.rewards.map((entry) => (entry.reward === reward ? { ...entry, ...change } : entry)),
  };
}

function withProject(state: TownState, projectId: string, change: Partial<ProjectState>): TownState {
  return {
    ...state,
    projects: state.projects.map((project) =>
      project.projectId === projectId ? { ...project, ...change } : project,
    ),
  };
}

function withReview(state: TownState, year: number, change: Partial<ReviewState>): TownState {
  return {
    ...state,
    reviews: state.reviews.map((review) => (review.year === year ? { ...review, ...change } : review)),
  };
}

function apply(state: TownState, event: Exclude<TownEvent, DeadlineReminderSent>): TownState {
  switch (event.type) {
    case 'TownApplied': {
      const { townId, batchId, name, county, kind, industry, appliedAt } = event.data;
      const industryDescription = event.data.industryDescription ?? null;
      const declaredConditions = event.data.declaredConditions ?? [];
      return {
        ...state,
        status: 'applied',
        ...{
          townId,
          batchId,
          name,
          county,
          kind,
          industry,
          industryDescription,
          declaredConditions,
          appliedAt,
        },
      };
    }
    case 'TownListed': {
      const { publishedAt, weightedScore, schedule, rewards } = event.data;
      return {
        ...state,
        status: 'planning',
        listedAt: publishedAt,
        weightedScore,
        schedule,
        plan: { ...state.plan, status: 'awaiting', dueAt: schedule.planDueAt },
        rewards: rewards.map((reward) => ({ ...reward, status: 'pending', paymentRef: null })),
        reviews: schedule.reviews.map((slot) => ({ ...slot, status: 'scheduled', extended: false })),
        progressCheck: { dueAt: schedule.progressCheckDueAt, status: 'pending', failedAttempts: 0 },
      };
    }
    case 'TownNotListed':
      return { ...state, status: 'not-listed', weightedScore: null };
    case 'RewardDue':
      return withReward(state, event.data.reward, { status: 'due' });
    case 'RewardPaid':
      return withReward(state, event.data.reward, { status: 'paid', paymentRef: event.data.paymentRef });
    case 'RewardForfeited':
      return withReward(state, event.data.reward, { status: 'forfeited' });
    case 'RewardNotEarned':
      return withReward(state, event.data.reward, { status: 'not-earned' });
    case 'PlanSubmitted':
      return {
        ...state,
        plan: {
          ...state.plan,
          status: 'submitted',
          submittedLate: state.plan.submittedLate || event.data.late,
          submissions: state.plan.submissions + 1,
          documents: event.data.documents,
        },
      };
    case 'PlanOverdue':
      return { ...state, plan: { ...state.plan, overdueNoticeFor: event.data.dueAt } };
    case 'PlanDeadlineExtended':
      return { ...state, plan: { ...state.plan, dueAt: event.data.dueAt, extended: true } };
    case 'PlanApproved':
      return { ...state, status: 'cultivating', plan: { ...state.plan, status: 'approved' } };
    case 'PlanReturned':
      return {
        ...state,
        plan: { ...state.plan, status: 'returned', dueAt: event.data.resubmitDueAt, extended: false },
      };
    case 'YearlyReviewOpened':
      return withReview(state, event.data.year, {
        status: 'open',
        statisticsDueAt: event.data.statisticsDueAt,
      });
    case 'YearlyStatisticsSubmitted':
      return withReview(state, event.data.year, { status: 'statistics-submitted' });
    case 'StatisticsDeadlineExtended':
      return withReview(state, event.data.year, {
        statisticsDueAt: event.data.statisticsDueAt,
        extended: true,
      });
    case 'TownRated': {
      const { year, rating, score, basis, provincialCandidate, landSupportYear } = event.data;
      const rated = withReview(state, year, { status: 'rated' });
      return {
        ...rated,
        ratingsByYear: { ...state.ratingsByYear, [year]: { rating, score, basis, provincialCandidate } },
        landSupport:
          landSupportYear === null
            ? state.landSupport
            : { ...state.landSupport, entitledYears: [...state.landSupport.entitledYears, landSupportYear] },
      };
    }
    case 'LandSupportGranted': {
      const { year, areaMu } = event.data;
      return {
        ...state,
        landSupport: {
          ...state.landSupport,
          grantedYears: [...state.landSupport.grantedYears, year],
          grants: [...state.landSupport.grants, { year, areaMu: areaMu ?? null }],
        },
      };
    }
    case 'ProjectRegistered': {
      const { projectId, name, investmentPlannedYuan } = event.data;
      const project: ProjectState = {
        ...{ projectId, name, investmentPlannedYuan, investmentCompletedYuan: 0, completed: false },
        ...{ keySchedule: null, approvals: [] },
      };
      return { ...state, projects: [...state.projects, project] };
    }
    case 'ProjectScheduledAsKey':
      return withProject(state, event.data.projectId, { keySchedule: event.data.reference });
    case 'ProjectApprovalRecorded': {
      const { projectId, procedure, appliedOn, approvedOn, daysTaken, greenChannel } = event.data;
      const approval = { procedure, appliedOn, approvedOn, daysTaken, greenChannel };
      const project = state.projects.find((candidate) => candidate.projectId === projectId);
      return withProject(state, projectId, { approvals: [...(project?.approvals ?? []), approval] });
    }
    case 'ProjectProgressRecorded': {
      const { projectId, investmentCompletedYuan, completed } = event.data;
      return withProject(state, projectId, { investmentCompletedYuan, completed });
    }
    case 'FundingRecorded': {
      const { year, source, level, amountYuan } = event.data;
      return { ...state, funding: [...state.funding, { year, source, level, amountYuan }] };
    }
    case 'TownPlacedUnderObservation':
      return { ...state, observation: { sinceYear: event.data.year, recheckDueAt: event.data.recheckDueAt } };
    case 'ObservationLifted':
      return { ...state, observation: null };
    case 'TownExited': {
      const { reason, year, exitedAt, supportEndsAt } = event.data;
      // Entitlements for years after support ends lapse with the exit.
      const lastSupportedYear = shanghaiYearOf(supportEndsAt) - 1;
      return {
        ...state,
        status: 'exited',
        exit: { reason, year, exitedAt, supportEndsAt, supportEnded: false },
        observation: null,
        progressCheck: {
          ...state.progressCheck,
          status: state.progressCheck.status === 'pending' ? 'cancelled' : state.progressCheck.status,
        },
        landSupport: {
          ...state.landSupport,
          entitledYears: state.landSupport.entitledYears.filter((entitled) => entitled <= lastSupportedYear),
        },
      };
    }
    case 'TownSupportEnded':
      return state.exit ? { ...state, exit: { ...state.exit, supportEnded: true } } : state;
    case 'ProgressCheckPassed':
      return { ...state, progressCheck: { ...state.progressCheck, status: 'passed' } };
    case 'ProgressCheckFailed': {
      const { progressCheck } = state;
      if (event.data.retakeUntil !== undefined) {
        return {
          ...state,
          progressCheck: { ...progressCheck, failedAttempts: progressCheck.failedAttempts + 1 },
        };
      }
      return { ...state, progressCheck: { ...progressCheck, status: 'failed' } };
    }
    case 'TownRecommendedToProvince': {
      const { provincial } = state;
      const first = provincial.recommendedInYear === null;
      return {
        ...state,
        provincial: {
          ...provincial,
          recommendedInYear: first ? event.data.reviewYear : provincial.recommendedInYear,
          rank: first ? event.data.rank : provincial.rank,
          decidedYears: [...provincial.decidedYears, event.data.reviewYear],
          recommendedYears: [...provincial.recommendedYears, event.data.reviewYear],
        },
      };
    }
    case 'TownNotRecommendedToProvince':
      return {
        ...state,
        provincial: {
          ...state.provincial,
          decidedYears: [...state.provincial.decidedYears, event.data.reviewYear],
        },
      };
    case 'ProvincialDecisionRecorded': {
      const { reviewYear, listed } = event.data;
      const decisions = [...state.provincial.decisions, { reviewYear, listed }];
      return { ...state, provincial: { ...state.provincial, decisions } };
    }
    case 'FinalAcceptanceStarted':
      return {
        ...state,
        status: 'final-acceptance',
        acceptance: { startedAt: event.data.startedAt, inspections: [], opinion: null, outcome: null },
      };
    case 'SiteInspected': {
      if (!state.acceptance) return state;
      const { unit, satisfactory, findings } = event.data;
      return {
        ...state,
        acceptance: {
          ...state.acceptance,
          inspections: [...state.acceptance.inspections, { unit, satisfactory, findings }],
        },
      };
    }
    case 'AcceptanceOpinionFormed':
      return state.acceptance
        ? {
            ...state,
            acceptance: {
              ...state.acceptance,
              opinion: { recommendation: event.data.recommendation, opinion: event.data.opinion },
            },
          }
        : state;
    case 'AcceptanceDeliberated':
      return state.acceptance
        ? {
            ...state,
            acceptance: { ...state.acceptance, outcome: event.data.accepted ? 'accepted' : 'not-accepted' },
          }
        : state;
    case 'TownClosed':
      return { ...state, status: 'closed' };
    default:
      return unknownEventKeeps(state, event);
  }
}

export const evolveTown = evolveWithDeadlines<TownState, TownEvent, TownDeadline>(apply, townDeadlines);

export function foldTown(events: readonly TownEvent[], from: TownState): TownState {
  return events.reduce(evolveTown, from);
}
