/**
 * Checks every decider makes the same way: who may issue a command and for which county, whether an
 * instant has come, and that an instant is well formed.
 */
import { isInstant, isOnOrAfter } from '../calendar/instant';
import { findCounty } from '../policy/policy-rules';
import type { DecisionContext } from './decision';
import { refuse } from './domain-refusal';
import { roleNotAllowedDetails } from './seat-names';
import { isSeat, seatScopes, type Seat } from './seats';

export function requireSeat(ctx: DecisionContext, allowed: readonly Seat[], command: string): void {
  if (!(allowed as readonly string[]).includes(ctx.actor.seat)) {
    throw refuse('ROLE_NOT_ALLOWED', roleNotAllowedDetails(ctx.actor.seat, command, allowed));
  }
}

/**
 * A seat scoped to a county acts only for towns of its own county; `county` and `targetCounty` name the
 * two as the edge's check does (domain/access/authorize.ts).
 */
export function requireOwnCounty(ctx: DecisionContext, townCounty: string): void {
  if (!isSeat(ctx.actor.seat) || seatScopes[ctx.actor.seat] !== 'county') return;
  const actorCounty = ctx.actor.county === undefined ? undefined : findCounty(ctx.policy, ctx.actor.county);
  if (actorCounty?.code !== townCounty) {
    throw refuse('ACTOR_COUNTY_MISMATCH', { county: ctx.actor.county ?? null, targetCounty: townCounty });
  }
}

export function requireInstant(value: string, field: string): void {
  if (!isInstant(value)) throw refuse('INVALID_INSTANT', { field, value });
}

/** Deadline commands fire at the due instant or later; earlier is a mistake by the caller. */
export function requireReached(now: string, dueAt: string, deadline: string): void {
  if (!isOnOrAfter(now, dueAt)) throw refuse('DEADLINE_NOT_REACHED', { deadline, dueAt });
}
