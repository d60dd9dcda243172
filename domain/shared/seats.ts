/**
 * The seats (roles) that act in the programme (§III.1). A seat is held by a user; a county official's
 * seat is scoped to one county, a member-unit inspector's to one member unit. `system` is the
 * scheduler: commands fired when a deadline passes.
 */
export const seats = [
  'county-official',
  'joint-meeting-office',
  'joint-meeting-secretary',
  'finance-bureau',
  'land-resources-bureau',
  'member-unit-inspector',
  'auditor',
  'administrator',
  'system',
] as const;

export type Seat = (typeof seats)[number];

export function isSeat(value: string): value is Seat {
  return (seats as readonly string[]).includes(value);
}

/** An empty entry per seat, to be filled with what each may do. */
export function perSeat<T>(make: (seat: Seat) => T): Record<Seat, T> {
  return Object.fromEntries(seats.map((seat) => [seat, make(seat)])) as Record<Seat, T>;
}

/**
 * The seats a person can hold. `system` is the scheduler (deadlines firing inside workflows): no token
 * is ever issued for it, so no HTTP caller can pose as it.
 */
export type HumanSeat = Exclude<Seat, 'system'>;

export const humanSeats: readonly HumanSeat[] = seats.filter((seat): seat is HumanSeat => seat !== 'system');

export function isHumanSeat(value: unknown): value is HumanSeat {
  return typeof value === 'string' && (humanSeats as readonly string[]).includes(value);
}

/**
 * Whom a seat acts for: the whole city, one county (its holders carry the county), or one member unit
 * of the joint meeting (its holders carry the unit: an inspector inspects for their own unit, §IV.4).
 */
export type SeatScope = 'city' | 'county' | 'unit';

export const seatScopes: Readonly<Record<Seat, SeatScope>> = {
  'county-official': 'county',
  'joint-meeting-office': 'city',
  'joint-meeting-secretary': 'city',
  'finance-bureau': 'city',
  'land-resources-bureau': 'city',
  'member-unit-inspector': 'unit',
  auditor: 'city',
  administrator: 'city',
  system: 'city',
};

export function seatsScopedTo(scope: SeatScope): HumanSeat[] {
  return humanSeats.filter((seat) => seatScopes[seat] === scope);
}
