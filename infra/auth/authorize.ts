import { readRules, seatsForCommand, type CommandAction, type ReadResource } from './access-rules';
import { countyScopedSeats, type Principal } from './principal';

export type Access =
  | { readonly kind: 'command'; readonly command: CommandAction }
  | { readonly kind: 'read'; readonly resource: ReadResource };

/** The county what is acted on belongs to; null when it belongs to none (a batch, the programme). */
export interface AccessTarget {
  readonly county: string | null;
}

export type DenialCode = 'ROLE_NOT_ALLOWED' | 'READ_NOT_ALLOWED' | 'ACTOR_COUNTY_MISMATCH';

export type AccessDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      readonly code: DenialCode;
      readonly details: Readonly<Record<string, unknown>>;
    };

const allowed: AccessDecision = { allowed: true };

/**
 * May the seat even try? Checked before the target is known (before the body is read or the town
 * loaded); `decideAccess` then settles it once the target's county is known.
 */
export function seatMayAttempt(principal: Principal, access: Access): AccessDecision {
  if (access.kind === 'command') {
    const seats = seatsForCommand(access.command);
    return seats.includes(principal.seat)
      ? allowed
      : {
          allowed: false,
          code: 'ROLE_NOT_ALLOWED',
          details: { seat: principal.seat, command: access.command.type, allowedSeats: [...seats] },
        };
  }
  const rule = readRules[access.resource];
  return rule.seats.includes(principal.seat)
    ? allowed
    : {
        allowed: false,
        code: 'READ_NOT_ALLOWED',
        details: { seat: principal.seat, resource: access.resource },
      };
}

/** The whole decision: the seat, then the county for seats that hold one county. */
export function decideAccess(principal: Principal, access: Access, target: AccessTarget): AccessDecision {
  const bySeat = seatMayAttempt(principal, access);
  if (!bySeat.allowed) return bySeat;
  const perCounty = access.kind === 'command' || readRules[access.resource].perCounty;
  if (!perCounty || target.county === null || !countyScopedSeats.includes(principal.seat)) return allowed;
  return principal.county === target.county
    ? allowed
    : {
        allowed: false,
        code: 'ACTOR_COUNTY_MISMATCH',
        // `county` fills the message "only for towns of their own county ({county})".
        details: { county: principal.county ?? null, targetCounty: target.county },
      };
}
