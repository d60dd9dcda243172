import type { AccessSubject } from '../../domain/access/authorize';
import type { HumanSeat } from '../../domain/shared/seats';

/**
 * The caller, as a verified token says: the claims `sub`, `seat`, `county` (county officials), `unit`
 * (member-unit inspectors) and `name`. Never `system`: no token is issued for the scheduler.
 */
export interface Principal extends AccessSubject {
  readonly userId: string;
  readonly seat: HumanSeat;
  /** The county's code (normalised against the policy pack); only for county-scoped seats. */
  readonly county?: string;
  /** The member unit's code (normalised against the policy pack); only for unit-scoped seats. */
  readonly unit?: string;
  readonly name?: string;
}
