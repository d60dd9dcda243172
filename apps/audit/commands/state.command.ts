import { parseAsOf } from '../../../audit/state-at/as-of';
import { programmeStateAt, type TownSummary, townStateAt } from '../../../audit/state-at/state-at';
import { formatCount, output, withStore } from '../audit-context';
import { logReadingBar } from '../../progress-bar';
import { parseCommandLine, UsageError } from '../../cli-usage';

/** `state --town <id> --at <when>` or `state --programme --at <when>`, optionally `--basis recorded`. */
export async function stateCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      town: { type: 'string' },
      programme: { type: 'boolean', default: false },
      at: { type: 'string' },
      basis: { type: 'string', default: 'occurred' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.at === undefined)
    throw new UsageError('OPTION_REQUIRED', 'state needs --at <YYYY-MM-DD or ISO instant>');
  if (values.town !== undefined && values.programme)
    throw new UsageError('OPTIONS_CONFLICT', 'state takes --town <id> or --programme, not both');
  if (values.town === undefined && !values.programme)
    throw new UsageError('OPTION_REQUIRED', 'state needs --town <id> or --programme');
  if (values.basis !== 'occurred' && values.basis !== 'recorded') {
    throw new UsageError(
      'OPTION_INVALID',
      '--basis is occurred (when facts became true, the default) or recorded (when stored)',
    );
  }
  const asOf = parseAsOf(values.at, values.basis);
  const out = output(values.json);
  const townId = values.town;

  if (townId !== undefined) {
    const result = await withStore((store) => townStateAt(store, townId, asOf));
    out.result(result, () => [
      `Town ${townId} as of ${result.at} (by ${result.basis} time): ${result.eventsFolded} events folded, ${result.eventsAfter} later`,
      ...townLines(result.summary),
      'Use --json for the full state.',
    ]);
    return 0;
  }
  const bar = logReadingBar('state');
  const result = await withStore((store) =>
    programmeStateAt(store, asOf, { onProgress: (progress) => bar.update(progress) }),
  ).finally(() => bar.done());
  out.result(result, () => [
    `Programme as of ${result.at} (by ${result.basis} time): ${formatCount(result.eventsFolded)} events folded, ${formatCount(result.eventsAfter)} later`,
    `Towns: ${result.totals.towns} (${Object.entries(result.totals.townsByStatus)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ')})`,
    `Rewards: paid ${formatCount(result.totals.funds.paid)} yuan, due ${formatCount(result.totals.funds.due)} yuan, ` +
      `pending ${formatCount(result.totals.funds.pending)} yuan, forfeited ${formatCount(result.totals.funds.forfeited)} yuan`,
    `Land support: ${result.totals.landSupportYearsEntitled} town-years entitled, ${result.totals.landSupportYearsGranted} granted`,
    ...result.towns.flatMap((town) => ['', ...townLines(town)]),
    '',
    'Use --json for every town, batch and programme state in full.',
  ]);
  return 0;
}

function townLines(town: TownSummary): string[] {
  return [
    `${town.name ?? town.townId} (${town.county ?? '?'}, batch ${town.batchId ?? '?'}): ${town.status}`,
    `  ratings: ${town.ratings.map((rating) => `${rating.year} ${rating.rating}`).join(', ') || 'none'}`,
    `  rewards: paid ${formatCount(town.funds.paid)} yuan, due ${formatCount(town.funds.due)} yuan, pending ${formatCount(town.funds.pending)} yuan`,
    `  land support: entitled ${town.landSupport.entitledYears.join(', ') || 'none'}; granted ${town.landSupport.grantedYears.join(', ') || 'none'}`,
    ...(town.exit === null ? [] : [`  exited ${town.exit.exitedAt} (${town.exit.reason})`]),
    ...(town.acceptance === null ? [] : [`  final acceptance: ${town.acceptance}`]),
  ];
}
