/**
 * The two-year progress check and its reward (§III.5), and the provincial recommendation as it
 * concerns one town (§I.3, §IV.3).
 */
import { isAfter } from '../calendar/instant';
import { requireReached } from '../shared/command-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  RecordProgressCheck,
  RecordProvincialDecision,
  RecordProvincialRecommendation,
} from './town.commands';
import type { TownEvent } from './town.events';
import { requireActive, requireText } from './town.guards';
import { isListedByProvince, type TownState } from './town.state';

function rewardsTriggeredByCheck(state: TownState): TownState['rewards'] {
  return state.rewards.filter(
    (reward) => reward.trigger === 'progress-check-passed' && reward.status === 'pending',
  );
}

export function recordProgressCheck(
  command: RecordProgressCheck,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireActive(state);
  const { status, dueAt } = state.progressCheck;
  if (status !== 'pending') throw refuse('PROGRESS_CHECK_CLOSED', { status });
  const rules = ctx.policy.progressCheck;
  const { passed, findings } = command.data;
  // "两年内…经考核合格": where the pack lets the check be taken again within the two years, a failed
  // check leaves it open; past the period, only the scheduler's expiry concludes it.
  if (rules.retakeAfterFailure === true) {
    if (dueAt !== null && isAfter(ctx.now, dueAt)) throw refuse('PROGRESS_CHECK_DEADLINE_PASSED', { dueAt });
    if (!passed) {
      return [{ type: 'ProgressCheckFailed', data: { findings, reason: 'assessment', retakeUntil: dueAt } }];
    }
  }
  if (!passed) {
    return [
      { type: 'ProgressCheckFailed', data: { findings, reason: 'assessment' } },
      ...rewardsTriggeredByCheck(state).map((reward): TownEvent => ({
        type: 'RewardNotEarned',
        data: { reward: reward.reward, amountYuan: reward.amountYuan, reason: 'progress-check-failed' },
      })),
    ];
  }
  // A pack may read "建设达到时序进度要求" as needing the plan approved first (the first edition did).
  if ((rules.requiresApprovedPlan ?? true) && state.plan.status !== 'approved') {
    throw refuse('PLAN_NOT_APPROVED', { planStatus: state.plan.status });
  }
  return [
    { type: 'ProgressCheckPassed', data: { findings } },
    ...rewardsTriggeredByCheck(state).map((reward): TownEvent => ({
      type: 'RewardDue',
      data: { reward: reward.reward, amountYuan: reward.amountYuan },
    })),
  ];
}

/** "两年内": no pass recorded by the due date means the reward is not earned. */
export function expireProgressCheck(state: TownState, ctx: DecisionContext): TownEvent[] {
  requireActive(state);
  if (state.progressCheck.status !== 'pending' || state.progressCheck.dueAt === null) return [];
  requireReached(ctx.now, state.progressCheck.dueAt, 'progress-check');
  return [
    {
      type: 'ProgressCheckFailed',
      data: { findings: 'not passed within the period', reason: 'not-checked-in-time' },
    },
    ...rewardsTriggeredByCheck(state).map((reward): TownEvent => ({
      type: 'RewardNotEarned',
      data: {
        reward: reward.reward,
        amountYuan: reward.amountYuan,
        // A check taken and failed within the period is not the same as none held.
        reason: state.progressCheck.failedAttempts > 0 ? 'progress-check-failed' : 'progress-check-not-held',
      },
    })),
  ];
}

export function recordProvincialRecommendation(
  command: RecordProvincialRecommendation,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  if (state.status !== 'final-acceptance') requireActive(state);
  const { reviewYear, recommended, rank, reason } = command.data;
  if (state.provincial.decidedYears.includes(reviewYear))
    throw refuse('RECOMMENDATION_ROUND_DONE', { year: reviewYear });
  if (!recommended) {
    // The town's own history says why it was not put forward.
    const why = reason?.trim();
    return [{ type: 'TownNotRecommendedToProvince', data: { reviewYear, ...(why ? { reason: why } : {}) } }];
  }
  const again = ctx.policy.provincialRecommendation.recommendAgain ?? 'never';
  if (state.provincial.recommendedInYear !== null && again === 'never') {
    throw refuse('ALREADY_RECOMMENDED', { year: state.provincial.recommendedInYear });
  }
  if (isListedByProvince(state)) throw refuse('LISTED_BY_PROVINCE');
  if (state.ratingsByYear[reviewYear]?.provincialCandidate !== true) {
    throw refuse('NOT_A_PROVINCIAL_CANDIDATE', { year: reviewYear });
  }
  return [{ type: 'TownRecommendedToProvince', data: { reviewYear, rank } }];
}

/** §I.3 "列入省级特色小镇": the province decides; the city records its answer to each recommendation. */
export function recordProvincialDecision(command: RecordProvincialDecision, state: TownState): TownEvent[] {
  const { reviewYear, listed, reference } = command.data;
  if (!state.provincial.recommendedYears.includes(reviewYear)) {
    throw refuse('PROVINCIAL_DECISION_NOT_EXPECTED', { year: reviewYear });
  }
  if (state.provincial.decisions.some((decision) => decision.reviewYear === reviewYear)) {
    throw refuse('PROVINCIAL_DECISION_ALREADY_RECORDED', { year: reviewYear });
  }
  requireText(reference, 'reference');
  return [{ type: 'ProvincialDecisionRecorded', data: { reviewYear, listed, reference: reference.trim() } }];
}
