/**
 * The special plan and work plan (§II.1, §IV.2), due within the pack's months of the list.
 */
import { isAfter, isOnOrBefore } from '../calendar/instant';
import { dueAtEndOf, dueWithinMonths } from '../calendar/deadline';
import { isLocalDate, parseLocalDate } from '../calendar/shanghai-calendar';
import { holidayRule } from '../policy/policy-rules';
import { requireOwnCounty, requireReached } from '../shared/command-rules';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type { ApprovePlan, GrantPlanExtension, ReturnPlan, SubmitPlan } from './town.commands';
import type { TownEvent } from './town.events';
import { requireActive } from './town.guards';
import type { TownState } from './town.state';

function awaitedPlanDue(state: TownState): string {
  requireActive(state);
  const { status, dueAt } = state.plan;
  if ((status !== 'awaiting' && status !== 'returned') || dueAt === null) {
    throw refuse('PLAN_NOT_EXPECTED', { planStatus: status });
  }
  return dueAt;
}

export function submitPlan(command: SubmitPlan, state: TownState, ctx: DecisionContext): TownEvent[] {
  const dueAt = awaitedPlanDue(state);
  requireOwnCounty(ctx, state.county ?? '');
  const required = ctx.policy.planning.documents.map((document) => document.code);
  const given = Object.entries(command.data.documents);
  const complete =
    required.every((code) => (command.data.documents[code] ?? '').trim() !== '') &&
    given.every(([code]) => required.includes(code));
  if (!complete)
    throw refuse('PLAN_DOCUMENTS_INCOMPLETE', { documents: required, given: given.map(([code]) => code) });
  const late = isAfter(ctx.now, dueAt);
  // The pack decides what a late plan is: still taken, marked late; or refused until extended.
  if (late && ctx.policy.planning.lateSubmission === 'refuse')
    throw refuse('PLAN_DEADLINE_PASSED', { dueAt });
  return [
    {
      type: 'PlanSubmitted',
      data: { documents: { ...command.data.documents }, dueAt, submittedAt: ctx.now, late },
    },
  ];
}

/** Silent in the document; the pack's default: a notice to the county, escalated to the office. */
export function markPlanOverdue(state: TownState, ctx: DecisionContext): TownEvent[] {
  requireActive(state);
  const { status, dueAt, overdueNoticeFor } = state.plan;
  if ((status !== 'awaiting' && status !== 'returned') || dueAt === null || overdueNoticeFor === dueAt)
    return [];
  requireReached(ctx.now, dueAt, 'plan');
  return [
    {
      type: 'PlanOverdue',
      data: { dueAt, noticeTo: state.county ?? '', escalatedTo: ctx.policy.planning.escalateTo },
    },
  ];
}

export function grantPlanExtension(
  command: GrantPlanExtension,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  const previousDueAt = awaitedPlanDue(state);
  const { maxExtensionMonths } = ctx.policy.planning;
  if (maxExtensionMonths === 0 || state.plan.extended) {
    throw refuse('EXTENSION_NOT_ALLOWED', { maxExtensionMonths, alreadyExtended: state.plan.extended });
  }
  if (!isLocalDate(command.data.until))
    throw refuse('INVALID_INSTANT', { field: 'until', value: command.data.until });
  const dueAt = dueAtEndOf(parseLocalDate(command.data.until), holidayRule(ctx.policy));
  const latest = dueWithinMonths(previousDueAt, maxExtensionMonths, holidayRule(ctx.policy));
  if (!isAfter(dueAt, previousDueAt) || !isAfter(dueAt, ctx.now)) {
    throw refuse('EXTENSION_NOT_ALLOWED', {
      reason: 'must move the deadline later and into the future',
      dueAt,
    });
  }
  if (!isOnOrBefore(dueAt, latest)) throw refuse('EXTENSION_TOO_LONG', { latest });
  return [{ type: 'PlanDeadlineExtended', data: { previousDueAt, dueAt } }];
}

function requireSubmittedPlan(state: TownState): void {
  requireActive(state);
  if (state.plan.status !== 'submitted')
    throw refuse('PLAN_NOT_SUBMITTED', { planStatus: state.plan.status });
}

export function approvePlan(command: ApprovePlan, state: TownState): TownEvent[] {
  requireSubmittedPlan(state);
  return [{ type: 'PlanApproved', data: { note: command.data.note ?? null } }];
}

export function returnPlan(command: ReturnPlan, state: TownState, ctx: DecisionContext): TownEvent[] {
  requireSubmittedPlan(state);
  const reasons = command.data.reasons.map((reason) => reason.trim()).filter((reason) => reason !== '');
  if (reasons.length === 0) throw refuse('REASONS_REQUIRED');
  const resubmitDueAt = dueWithinMonths(
    ctx.now,
    ctx.policy.planning.resubmitWithinMonths,
    holidayRule(ctx.policy),
  );
  return [{ type: 'PlanReturned', data: { reasons, resubmitDueAt } }];
}
