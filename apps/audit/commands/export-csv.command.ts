import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DECISION_KINDS, DecisionExport } from '../../../domain/audit/decision-csv';
import { readPages } from '../../../audit/shared/log-pages';
import { chainedLog } from '../../../audit/export/bundle-export';
import { formatCount, output, withStore } from '../audit-context';
import { logReadingBar } from '../../progress-bar';
import { parseCommandLine, UsageError } from '../../cli-usage';

/** `export-csv --out <dir>`: ratings, rewards, exits, recommendations and acceptance, one CSV each. */
export async function exportCsvCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: { out: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.out === undefined) throw new UsageError('OPTION_REQUIRED', 'export-csv needs --out <directory>');
  const directory = resolve(values.out);
  const decisions = new DecisionExport();
  const bar = logReadingBar('export-csv');
  await withStore(async (store) => {
    const log = chainedLog(store);
    const lastPosition = await log.lastPosition();
    let entries = 0;
    for await (const page of readPages(log, 0n)) {
      for (const event of page) decisions.add(event);
      entries += page.length;
      bar.update({ entries, position: page.at(-1)?.globalPosition ?? 0n, lastPosition });
    }
  }).finally(() => bar.done());
  mkdirSync(directory, { recursive: true });
  const files = DECISION_KINDS.map((kind) => {
    const file = join(directory, `${kind}.csv`);
    writeFileSync(file, decisions.csv(kind));
    return { kind, file, rows: decisions.count(kind) };
  });
  output(values.json).result({ directory, files }, () =>
    files.map((file) => `${file.file}: ${formatCount(file.rows)} rows`),
  );
  return 0;
}
