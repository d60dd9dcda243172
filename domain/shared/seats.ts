/**
 * The seats (roles) that act in the programme (§III.1). A seat is held by a user; a county official's
 * seat is scoped to one county. `system` is the scheduler: commands fired when a deadline passes.
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
