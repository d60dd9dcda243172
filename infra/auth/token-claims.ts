import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { seatPlace, seatPlaceNames } from '../../domain/access/seat-place';
import { isHumanSeat } from '../../domain/shared/seats';
import type { Principal } from './principal';

/** The claims of ours a token carries besides the registered ones (iss, aud, exp, iat, jti). */
export interface TownsClaims {
  readonly sub: string;
  readonly seat: string;
  readonly county?: string;
  readonly unit?: string;
  readonly name?: string;
}

const maxLength = 200;

/**
 * The caller a token's claims describe, or the reason they describe nobody. A county is accepted by code,
 * Chinese name or alias and kept as its code, a member unit by code or Chinese name, so every later check
 * compares codes. A seat held for one county or one unit needs that claim; other seats' such claims are
 * ignored (they act for the whole city).
 */
export function principalFromClaims(
  claims: Readonly<Record<string, unknown>>,
  policy: PolicyPack,
): { principal: Principal } | { problem: string } {
  const { sub, seat, county, unit, name } = claims;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > maxLength) {
    return { problem: 'claim "sub" must be a non-empty string' };
  }
  if (!isHumanSeat(seat)) return { problem: `claim "seat" names no seat: ${JSON.stringify(seat)}` };
  if (name !== undefined && (typeof name !== 'string' || name.length > maxLength)) {
    return { problem: 'claim "name" must be a string' };
  }
  const base = { userId: sub, seat, ...(typeof name === 'string' ? { name } : {}) };
  const given = {
    county: typeof county === 'string' ? county : undefined,
    unit: typeof unit === 'string' ? unit : undefined,
  };
  const placed = seatPlace(seat, given, policy, 'ignore');
  if ('place' in placed) return { principal: { ...base, ...placed.place } };
  const { field, reason } = placed.problem;
  if (reason === 'missing') return { problem: `seat "${seat}" needs claim "${field}"` };
  return {
    problem: `claim "${field}" names no ${seatPlaceNames[field]} of programme ${policy.id}: "${given[field] ?? ''}"`,
  };
}
