/**
 * Preconditions several town commands share, and the consequences of an exit, which three different
 * commands can set off.
 */
import { startOfYear } from '../calendar/shanghai-calendar';
import { findMemberUnit } from '../policy/policy-rules';
import { isSeat, seatScopes } from '../shared/seats';
import type { DecisionContext } from '../shared/decision';
import { refuse, type DomainRefusal } from '../shared/domain-refusal';
import type { ExitReason, TownEvent } from './town.events';
import { isCultivationActive, ReviewState, TownState, townStatusNames, type TownStatus } from './town.state';

/** The town is listed and neither exited, in final acceptance nor closed. */
export function requireActive(state: TownState): void {
  if (isCultivationActive(state)) return;
  if (state.status === 'exited') throw refuse('TOWN_EXITED', { supportEndsAt: state.exit?.supportEndsAt });
  if (state.status === 'closed') throw refuse('TOWN_CLOSED');
  if (state.status === 'none') throw refuse('TOWN_NOT_APPLIED');
  if (state.status === 'applied' || state.status === 'not-listed') throw refuse('TOWN_NOT_LISTED');
  throw townNotActive(state.status);
}

/** `TOWN_NOT_ACTIVE`, naming the status as people read it and keeping its code in the details. */
export function townNotActive(status: TownStatus): DomainRefusal {
  const name = townStatusNames[status];
  return refuse('TOWN_NOT_ACTIVE', { status, statusName: name.zh, statusNameEn: name.en });
}

/**
 * A member-unit inspector records the inspection of the unit their seat is held for (§IV.4: the office
 * "组织有关成员单位赴实地踏看"): each unit's finding is its own, so no inspector speaks for another unit.
 * An inspector whose seat names no unit may record none.
 */
export function requireOwnUnit(ctx: DecisionContext, unitCode: string): void {
  if (!isSeat(ctx.actor.seat) || seatScopes[ctx.actor.seat] !== 'unit') return;
  const actorUnit = ctx.actor.unit === undefined ? undefined : findMemberUnit(ctx.policy, ctx.actor.unit);
  if (actorUnit?.code !== unitCode) {
    throw refuse('ACTOR_UNIT_MISMATCH', { unit: unitCode, actorUnit: ctx.actor.unit ?? null });
  }
}

export function requireReview(state: TownState, year: number): ReviewState {
  const review = state.reviews.find((candidate) => candidate.year === year);
  if (!review) throw refuse('REVIEW_YEAR_NOT_SCHEDULED', { year });
  return review;
}

export function requireText(value: string | undefined, field: string): void {
  if (value === undefined || value.trim() === '') throw refuse('REFERENCE_REQUIRED', { field });
}

/**
 * §IV.3 "下一年度起不再享受市级特色小镇扶持政策": the exit is recorded now, support ends on 1 January
 * after the year concerned, and rewards not yet earned are forfeited at once. A reward already due
 * stays payable until support ends (it was earned while the town was in the programme).
 */
export function exitEvents(
  state: TownState,
  ctx: DecisionContext,
  reason: ExitReason,
  year: number,
): TownEvent[] {
  const forfeited: TownEvent[] = state.rewards
    .filter((reward) => reward.status === 'pending')
    .map((reward) => ({
      type: 'RewardForfeited',
      data: { reward: reward.reward, amountYuan: reward.amountYuan, reason: 'town-exited' },
    }));
  return [
    { type: 'TownExited', data: { reason, year, exitedAt: ctx.now, supportEndsAt: startOfYear(year + 1) } },
    ...forfeited,
  ];
}
