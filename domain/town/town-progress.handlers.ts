/**
 * The two-year progress check and its reward (§III.5), and the provincial recommendation as it
 * concerns one town (§I.3, §IV.3).
 */
import { requireReached } from '../shared/command-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type { RecordProgressCheck, RecordProvincialRecommendation } from './town.commands';
import type { TownEvent } from './town.events';
import { requireActive } from './town.guards';
import type { TownState } from './town.state';

function rewardsTriggeredByCheck(state: TownState): TownState['rewards'] {
  return state.rewards.filter(
    (reward) => reward.trigger === 'progress-check-passed' && reward.status === 'pending',
  );
}

export function recordProgressCheck(command: RecordProgressCheck, state: TownState): TownEvent[] {
  requireActive(state);
  if (state.progressCheck.status !== 'pending') {
    throw refuse('PROGRESS_CHECK_CLOSED', { status: state.progressCheck.status });
  }
  const { passed, findings } = command.data;
  if (!passed) {
    return [
      { type: 'ProgressCheckFailed', data: { findings, reason: 'assessment' } },
      ...rewardsTriggeredByCheck(state).map((reward): TownEvent => ({
        type: 'RewardNotEarned',
        data: { reward: reward.reward, amountYuan: reward.amountYuan, reason: 'progress-check-failed' },
      })),
    ];
  }
  // "建设达到时序进度要求": a town still without an approved plan cannot be on schedule.
  if (state.plan.status !== 'approved') throw refuse('PLAN_NOT_APPROVED', { planStatus: state.plan.status });
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
      data: { reward: reward.reward, amountYuan: reward.amountYuan, reason: 'progress-check-not-held' },
    })),
  ];
}

export function recordProvincialRecommendation(
  command: RecordProvincialRecommendation,
  state: TownState,
): TownEvent[] {
  if (state.status !== 'final-acceptance') requireActive(state);
  const { reviewYear, recommended, rank } = command.data;
  if (state.provincial.decidedYears.includes(reviewYear))
    throw refuse('RECOMMENDATION_ROUND_DONE', { year: reviewYear });
  if (!recommended) return [{ type: 'TownNotRecommendedToProvince', data: { reviewYear } }];
  if (state.provincial.recommendedInYear !== null) {
    throw refuse('ALREADY_RECOMMENDED', { year: state.provincial.recommendedInYear });
  }
  if (state.ratingsByYear[reviewYear]?.provincialCandidate !== true) {
    throw refuse('NOT_A_PROVINCIAL_CANDIDATE', { year: reviewYear });
  }
  return [{ type: 'TownRecommendedToProvince', data: { reviewYear, rank } }];
}
