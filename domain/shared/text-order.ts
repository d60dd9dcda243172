/**
 * Orders identifiers and names by their UTF-16 code units. `localeCompare` follows the process's
 * locale (under Lithuanian rules `y` sorts before `j`), so a worker and an auditor re-deciding the same
 * step on machines with different locales could break a tie differently; this order is the same
 * everywhere.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
