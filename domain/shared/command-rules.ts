/**
 * Checks every decider makes the same way: who may issue a command, whether an instant has come, and
 * that an instant is well formed.
 */
import { isInstant, isOnOrAfter } from '../calendar/instant';
import type { DecisionContext } from './decision';
import { refuse } from './domain-refusal';
import type { Seat } from './seats';

export function requireSeat(ctx: DecisionContext, allowed: readonly Seat[], command: string): void {
  if (!(allowed as readonly string[]).includes(ctx.actor.seat)) {
    throw refuse('ROLE_NOT_ALLOWED', { seat: ctx.actor.seat, command, allowedSeats: [...allowed] });
  }
}

export function requireInstant(value: string, field: string): void {
  if (!isInstant(value)) throw refuse('INVALID_INSTANT', { field, value });
}

/** Deadline commands fire at the due instant or later; earlier is a mistake by the caller. */
export function requireReached(now: string, dueAt: string, deadline: string): void {
  if (!isOnOrAfter(now, dueAt)) throw refuse('DEADLINE_NOT_REACHED', { deadline, dueAt });
}
