import type { PolicyPack } from '../policy/policy-pack.schema';
import { findCounty, findMemberUnit } from '../policy/policy-rules';
import { seatScopes, type HumanSeat } from '../shared/seats';

/** The county or member unit a seat is held for, as codes; empty for a seat that acts for the whole city. */
export type SeatPlace = { readonly county?: string; readonly unit?: string };

/** What each kind of place is called in a message. */
export const seatPlaceNames = { county: 'county', unit: 'member unit' } as const;

/**
 * Why the county or unit given with a seat places it nowhere: the seat needs one and none was given
 * (`missing`), the pack knows no such one (`unknown`), or the seat acts for the whole city or the other
 * kind of place (`not-applicable`).
 */
export interface SeatPlaceProblem {
  readonly field: 'county' | 'unit';
  readonly reason: 'missing' | 'unknown' | 'not-applicable';
}

/**
 * Where a seat is held, from a county (code, Chinese name or alias) or a member unit (code or Chinese name)
 * given with it: every way a seat enters the system (a token's claims, `npm run token`, the development
 * sign-in) reads it here, so each compares codes afterwards. `others: 'ignore'` lets a place that does not
 * apply to the seat pass unread (a token's claims); `'refuse'` names it (what a person typed).
 */
export function seatPlace(
  seat: HumanSeat,
  given: { readonly county?: string | undefined; readonly unit?: string | undefined },
  policy: PolicyPack,
  others: 'ignore' | 'refuse',
): { readonly place: SeatPlace } | { readonly problem: SeatPlaceProblem } {
  const scope = seatScopes[seat];
  if (others === 'refuse') {
    if (given.county !== undefined && scope !== 'county')
      return { problem: { field: 'county', reason: 'not-applicable' } };
    if (given.unit !== undefined && scope !== 'unit')
      return { problem: { field: 'unit', reason: 'not-applicable' } };
  }
  if (scope === 'county') {
    if (given.county === undefined) return { problem: { field: 'county', reason: 'missing' } };
    const county = findCounty(policy, given.county);
    return county ? { place: { county: county.code } } : { problem: { field: 'county', reason: 'unknown' } };
  }
  if (scope === 'unit') {
    if (given.unit === undefined) return { problem: { field: 'unit', reason: 'missing' } };
    const unit = findMemberUnit(policy, given.unit);
    return unit ? { place: { unit: unit.code } } : { problem: { field: 'unit', reason: 'unknown' } };
  }
  return { place: {} };
}
