/**
 * Payload benchmark (`npm run bench:payloads [-- --towns 1000,10000]`, also a part of `bench:scale`): the sizes of what the programme's
 * workflow hands Temporal (its continue-as-new input, the round's activity result and append), and a
 * batch's with every town applying (its list, its continue-as-new input, its view query), at N towns,
 * against Temporal's limits (a warning at 512 KiB per payload, a failure past 2 MiB; a history
 * event past 2 MiB fails the workflow task). Sizes, not times: they do not depend on the machine.
 */
import { reportFigures } from './figures';
import { programmePayloadsAt, type PayloadSizes } from './scale/programme-payloads';

const WARN_BYTES = 512 * 1024;
const LIMIT_BYTES = 2 * 1024 * 1024;

function parseTowns(argv: readonly string[]): number[] {
  if (argv.length === 0) return [1_000, 10_000];
  if (argv[0] !== '--towns' || !argv[1]) throw new Error('usage: bench:payloads [--towns 1000,10000]');
  return argv[1].split(',').map(Number);
}

function verdict(bytes: number): string {
  if (bytes > LIMIT_BYTES) return '**over 2 MiB**';
  if (bytes > WARN_BYTES) return 'over 512 KiB';
  return 'ok';
}

function table(rows: readonly PayloadSizes[]): string {
  const names = Object.keys(rows[0]?.bytes ?? {});
  const lines = [
    '| towns | round | payload | KiB | against the limits |',
    '| ---: | ---: | --- | ---: | --- |',
  ];
  for (const row of rows) {
    for (const name of names) {
      const bytes = row.bytes[name] ?? 0;
      lines.push(
        `| ${row.towns.toLocaleString('en')} | ${row.reviewYear} | ${name} | ${(bytes / 1024).toFixed(1)} | ${verdict(bytes)} |`,
      );
    }
  }
  return lines.join('\n');
}

const rows = parseTowns(process.argv.slice(2)).flatMap((towns) => {
  const rounds = programmePayloadsAt(towns);
  return rounds.slice(-1);
});
console.log(table(rows));
// The largest payload the workflows hand Temporal today, at the most towns (earlier shapes are for the record).
const largest = rows.at(-1);
if (largest) {
  const carried = Object.entries(largest.bytes).filter(([name]) => name.endsWith(', now'));
  reportFigures({
    towns: largest.towns,
    largestPayloadBytes: Math.max(...carried.map(([, bytes]) => bytes)),
  });
}
