/**
 * What each seat may read, as data — beside the domain's tables of who issues which command
 * (`domain/*\/*.permissions.ts`), and read by the API's edge, the console and anything else that shows
 * the programme to a person.
 *
 * The programme is run in the open between city bodies: every citywide seat reads everything (the office
 * supervises, finance pays, inspectors inspect, auditors audit). A county official reads their own
 * county's towns, and of what names every county's towns — a batch, the programme — the part about
 * their own county plus what is public (the calendar, a published list). Aggregates that name no town
 * (the programme overview's totals) are for everyone. Reads that are every county's towns at once and
 * nothing else (the programme's state on a date, the decision CSVs) are not for a county's seat; the
 * audit jobs are the auditors' own work.
 */
import type { HumanSeat } from '../shared/seats';

export const readResources = [
  /** One town's record: its page, history (with hashes) and its state on a date. */
  'town',
  /** The list of towns, filtered. */
  'town-list',
  /** Pending deadlines of towns, batches and the programme. */
  'deadlines',
  /** A batch: window, applications, defence scores, list. */
  'batch',
  /** The programme's own state: calendar, listed and exited towns, ratings, provincial ranks. */
  'programme',
  /** Totals: towns by status, quota use per county, funds, ratings counted by year. */
  'programme-overview',
  /** Every town, batch and the programme as of an instant (the auditors' fold). */
  'programme-state-at',
  /** Ratings, rewards, exits, recommendations or acceptance of every town, as CSV. */
  'decision-csv',
  /** Verification, replay, re-decision and export jobs, and the files they write. */
  'audit-jobs',
] as const;

export type ReadResource = (typeof readResources)[number];

/**
 * `all`: the whole of it. `own-county`: a county's seat reads what belongs to their county (a town of
 * another county is refused; a list, a batch or the programme is narrowed to their county).
 * `none`: refused.
 */
export type ReadReach = 'all' | 'own-county' | 'none';

function reaches(
  citywide: ReadReach,
  countyOfficial: ReadReach,
  only?: readonly HumanSeat[],
): Readonly<Record<HumanSeat, ReadReach>> {
  const reach = (seat: HumanSeat): ReadReach => {
    if (only && !only.includes(seat)) return 'none';
    return seat === 'county-official' ? countyOfficial : citywide;
  };
  return {
    'county-official': reach('county-official'),
    'joint-meeting-office': reach('joint-meeting-office'),
    'joint-meeting-secretary': reach('joint-meeting-secretary'),
    'finance-bureau': reach('finance-bureau'),
    'land-resources-bureau': reach('land-resources-bureau'),
    'member-unit-inspector': reach('member-unit-inspector'),
    auditor: reach('auditor'),
    administrator: reach('administrator'),
  };
}

export const readPermissions: Readonly<Record<ReadResource, Readonly<Record<HumanSeat, ReadReach>>>> = {
  town: reaches('all', 'own-county'),
  'town-list': reaches('all', 'own-county'),
  deadlines: reaches('all', 'own-county'),
  batch: reaches('all', 'own-county'),
  programme: reaches('all', 'own-county'),
  'programme-overview': reaches('all', 'all'),
  'programme-state-at': reaches('all', 'none'),
  'decision-csv': reaches('all', 'none'),
  'audit-jobs': reaches('all', 'none', ['auditor']),
};
