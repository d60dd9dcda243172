/**
 * Application, selection and rewards (§IV.1, §III.5).
 */
import { isAfter, isBefore, normaliseInstant } from '../calendar/instant';
import { dueWithinMonths } from '../calendar/deadline';
import { shanghaiYearOf } from '../calendar/shanghai-calendar';
import {
  batchCalendar,
  finalAcceptanceStartsAt,
  findBatch,
  holidayRule,
  reviewCalendar,
  reviewYearsFor,
} from '../policy/policy-rules';
import { applicationExtras, checkApplication } from '../shared/application-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import { requireInstant, requireOwnCounty } from '../shared/command-rules';
import type { ApplyForTown, PayReward, RecordSelection } from './town.commands';
import type { TownEvent, TownSchedule } from './town.events';
import { requireText } from './town.guards';
import { rewardStatusNames, type TownState } from './town.state';

export function applyForTown(command: ApplyForTown, state: TownState, ctx: DecisionContext): TownEvent[] {
  if (state.status !== 'none')
    throw refuse('TOWN_ALREADY_APPLIED', { townId: state.townId, status: state.status });
  const { townId, batchId } = command.data;
  requireText(townId, 'townId');
  const { county, ...checked } = checkApplication(ctx.policy, command.data);
  requireOwnCounty(ctx, county.code);
  const batch = findBatch(ctx.policy, batchId);
  if (!batch) throw refuse('BATCH_UNKNOWN', { field: 'batchId', batchId });
  const window = batchCalendar(ctx.policy, batch);
  if (isBefore(ctx.now, window.opensAt)) {
    throw refuse('APPLICATION_WINDOW_NOT_OPEN', { batchId, opensAt: window.opensAt });
  }
  if (isAfter(ctx.now, window.closesAt)) {
    throw refuse('APPLICATION_WINDOW_CLOSED', { batchId, closesAt: window.closesAt });
  }
  return [
    {
      type: 'TownApplied',
      data: {
        townId,
        batchId,
        name: checked.name,
        county: county.code,
        countyNameZh: county.nameZh,
        kind: checked.kind,
        industry: checked.industry,
        appliedAt: ctx.now,
        ...applicationExtras(checked),
      },
    },
  ];
}

/** Every date the town will be held to, fixed from the pack at the moment it is listed. */
export function townSchedule(ctx: DecisionContext, publishedAt: string): TownSchedule {
  const { policy } = ctx;
  return {
    planDueAt: dueWithinMonths(publishedAt, policy.planning.dueWithinMonths, holidayRule(policy)),
    progressCheckDueAt: dueWithinMonths(publishedAt, policy.progressCheck.withinMonths, holidayRule(policy)),
    reviews: reviewYearsFor(policy, shanghaiYearOf(publishedAt)).map((year) => {
      const { opensAt, statisticsDueAt } = reviewCalendar(policy, year);
      return { year, opensAt, statisticsDueAt };
    }),
    finalAcceptanceStartsAt: finalAcceptanceStartsAt(policy),
  };
}

export function recordSelection(
  command: RecordSelection,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  if (state.status === 'none') throw refuse('TOWN_NOT_APPLIED');
  if (state.status !== 'applied') throw refuse('SELECTION_ALREADY_RECORDED', { status: state.status });
  const { batchId, listed, weightedScore, reason } = command.data;
  if (batchId !== state.batchId) throw refuse('BATCH_MISMATCH', { expected: state.batchId, actual: batchId });
  requireInstant(command.data.publishedAt, 'publishedAt');
  const publishedAt = normaliseInstant(command.data.publishedAt);
  if (!listed) return [{ type: 'TownNotListed', data: { batchId, publishedAt, reason: reason ?? null } }];
  const rewards = ctx.policy.rewards.map((reward) => ({
    reward: reward.code,
    amountYuan: reward.amountYuan,
    trigger: reward.trigger,
  }));
  return [
    {
      type: 'TownListed',
      data: { batchId, publishedAt, weightedScore, schedule: townSchedule(ctx, publishedAt), rewards },
    },
    ...rewards
      .filter((reward) => reward.trigger === 'listed')
      .map((reward): TownEvent => ({
        type: 'RewardDue',
        data: { reward: reward.reward, amountYuan: reward.amountYuan },
      })),
  ];
}

export function payReward(command: PayReward, state: TownState, ctx: DecisionContext): TownEvent[] {
  if (state.status === 'none' || state.status === 'applied' || state.status === 'not-listed') {
    throw refuse('TOWN_NOT_LISTED');
  }
  const { reward, paymentRef } = command.data;
  const entry = state.rewards.find((candidate) => candidate.reward === reward);
  if (!entry) throw refuse('REWARD_UNKNOWN', { reward });
  if (state.exit && !isBefore(ctx.now, state.exit.supportEndsAt)) {
    throw refuse('SUPPORT_ENDED', { supportEndsAt: state.exit.supportEndsAt });
  }
  if (entry.status !== 'due') {
    const named = ctx.policy.rewards.find((candidate) => candidate.code === reward);
    throw refuse('REWARD_NOT_DUE', {
      reward,
      status: entry.status,
      rewardName: named?.nameZh ?? reward,
      rewardNameEn: named?.nameEn ?? reward,
      statusName: rewardStatusNames[entry.status].zh,
      statusNameEn: rewardStatusNames[entry.status].en,
    });
  }
  requireText(paymentRef, 'paymentRef');
  return [{ type: 'RewardPaid', data: { reward, amountYuan: entry.amountYuan, paymentRef } }];
}
