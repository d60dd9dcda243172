/** The report as people read it; `--json` prints the same object for machines. */
import type { Counts, SimulationReport } from './simulation-report';

const number = (value: number): string => value.toLocaleString('en-US');

const list = (counts: Counts): string => {
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key} ${number(count)}`).join(', ');
};

function perYear<R extends { readonly year: number }>(rows: readonly R[], value: (row: R) => number): string {
  return rows.map((row) => `year ${row.year}: ${number(value(row))}`).join(', ');
}

/** Right-aligned columns after a left-aligned label. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  return all.map(
    (row) =>
      '  ' +
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
  );
}

export function printReport(report: SimulationReport): string {
  const { calendar, applications, selection, planning } = report;
  const first = calendar.programmeYears[0];
  const last = calendar.programmeYears[calendar.programmeYears.length - 1];
  const yearLabel = (year: number) => `year ${year}`;
  const lines: string[] = [
    `Simulation of ${report.policy.titleEn} (${report.policy.id})`,
    `seed ${report.seed} · ${number(report.applicationsRequested)} applications requested`,
    `Rehearsal calendar: first window opens ${calendar.firstWindowOpensOn}` +
      (first && last
        ? ` (year 1 = ${first.calendarYear} … year ${last.year} = ${last.calendarYear});`
        : ';') +
      ' these dates follow the current year, every other figure depends on the seed alone.',
    '',
    'Applications',
    ...table(
      ['batch', 'submitted', 'recorded', 'refused'],
      [
        ...applications.byBatch.map((batch) => [
          batch.batchId,
          number(batch.submitted),
          number(batch.recorded),
          list(batch.refused),
        ]),
        ['total', number(applications.submitted), number(applications.recorded), list(applications.refused)],
      ],
    ),
    '',
    `Selection (listed: weighted defence score ≥ ${selection.listingThreshold}, best first, within quota)`,
    ...table(
      ['batch', 'programme year', 'scored', 'listed', 'not listed'],
      selection.byBatch.map((batch) => [
        batch.batchId,
        yearLabel(batch.year),
        number(batch.scored),
        number(batch.listed),
        number(batch.notListed),
      ]),
    ),
    '',
    `Plans: ${number(planning.approved)} approved (${number(planning.submittedLate)} late, ` +
      `${number(planning.returnedAtLeastOnce)} returned first, ${number(planning.extended)} extended), ` +
      `${number(planning.notApproved)} never approved`,
    '',
    'Yearly ratings',
    ...table(
      ['year', ...Object.keys(report.ratingsByYear[0]?.ratings ?? {}), 'of which missing statistics'],
      report.ratingsByYear.map((row) => [
        yearLabel(row.year),
        ...Object.values(row.ratings).map(number),
        number(row.missingStatistics),
      ]),
    ),
    `Exits: ${perYear(report.exitsByYear, (row) => row.exits)}`,
    `Land support: ${number(report.landSupport.grantedYears)} of ${number(report.landSupport.entitledYears)} ` +
      `entitled town-years granted (${perYear(report.landSupport.grantedByYear, (row) => row.granted)})`,
    `Two-year progress checks: ${list(report.progressChecks)}`,
    '',
    'Rewards (yuan)',
    ...table(
      ['reward', 'committed', 'paid', 'outstanding', 'forfeited', 'not earned'],
      [
        ...report.rewards.byKind.map((kind) => [
          `${kind.reward} (${number(kind.amountYuan)} each)`,
          number(kind.committedYuan),
          number(kind.paidYuan),
          number(kind.outstandingYuan),
          number(kind.forfeitedYuan),
          number(kind.notEarnedYuan),
        ]),
        [
          'total',
          number(report.rewards.total.committedYuan),
          number(report.rewards.total.paidYuan),
          number(report.rewards.total.outstandingYuan),
          number(report.rewards.total.forfeitedYuan),
          number(report.rewards.total.notEarnedYuan),
        ],
      ],
    ),
    '',
    `Provincial recommendations: ${number(report.provincial.recommended)} ` +
      `(${perYear(report.provincial.byYear, (row) => row.recommended)}); ` +
      `listed by the province: ${number(report.provincial.listedByProvince)}; ` +
      `target ${report.provincial.target.min}–${report.provincial.target.max}: ` +
      (report.provincial.targetMet ? 'met' : 'not met'),
    `Final acceptance: ${number(report.finalAcceptance.started)} inspected, ` +
      `${number(report.finalAcceptance.accepted)} accepted, ${number(report.finalAcceptance.notAccepted)} not accepted`,
    `Where the recorded applicants ended: ${list(report.outcomes)}`,
    `Other steps refused: ${
      Object.keys(report.stepsRefused).length === 0
        ? 'none'
        : Object.entries(report.stepsRefused)
            .map(([step, codes]) => `${step} (${list(codes)})`)
            .join('; ')
    }`,
    `Events stored: ${number(report.eventsStored)}`,
  ];
  return lines.join('\n');
}
