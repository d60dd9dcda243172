import { seats, type Seat } from '../../domain/shared/seats';

/**
 * The seats a person can hold. `system` is the scheduler (deadlines firing inside workflows): no token
 * is ever issued for it, so no HTTP caller can pose as it.
 */
export type HumanSeat = Exclude<Seat, 'system'>;

export const humanSeats: readonly HumanSeat[] = seats.filter((seat): seat is HumanSeat => seat !== 'system');

export function isHumanSeat(value: unknown): value is HumanSeat {
  return typeof value === 'string' && (humanSeats as readonly string[]).includes(value);
}

/** Seats whose holders act for one county only; their tokens carry that county. */
export const countyScopedSeats: readonly HumanSeat[] = ['county-official'];

/** The caller, as a verified token says: the claims `sub`, `seat`, `county` and `name`. */
export interface Principal {
  readonly userId: string;
  readonly seat: HumanSeat;
  /** The county's code (normalised against the policy pack); only for county-scoped seats. */
  readonly county?: string;
  readonly name?: string;
}
