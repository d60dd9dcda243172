/** Timing helpers for the benchmarks: warm-up, then the median of alternating timed rounds. */

export interface Rate {
  /** Operations (transactions, or full reads) per second. */
  readonly opsPerSecond: number;
  /** Events written or read per second. */
  readonly eventsPerSecond: number;
}

/**
 * Times `ours` and `raw` (each performing `work.ops` operations moving `work.events` events) in
 * alternating rounds after one warm-up round each, so that drift (a growing table, other load on the
 * machine) falls on both alike, and returns each side's median rate.
 */
export async function measurePair(
  ours: () => Promise<void>,
  raw: () => Promise<void>,
  work: { ops: number; events: number },
  rounds = 5,
): Promise<{ ours: Rate; raw: Rate }> {
  await ours();
  await raw();
  const oursSeconds: number[] = [];
  const rawSeconds: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    oursSeconds.push(await timed(ours));
    rawSeconds.push(await timed(raw));
  }
  return { ours: rate(oursSeconds, work), raw: rate(rawSeconds, work) };
}

async function timed(round: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await round();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function rate(seconds: number[], work: { ops: number; events: number }): Rate {
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { opsPerSecond: work.ops / median, eventsPerSecond: work.events / median };
}

export interface Comparison {
  readonly store: string;
  readonly operation: string;
  readonly ours: Rate;
  readonly raw: Rate;
  /** Minimum acceptable ours/raw ratio. */
  readonly target: number;
}

const format = (value: number) =>
  value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
/** Truncated, not rounded, so that a ratio shown as 0.80 has met a 0.8 target. */
const formatRatio = (ratio: number) => (Math.floor(ratio * 100) / 100).toFixed(2);

/** A Markdown table, so the output can be pasted into docs/benchmarks.md as is. */
export function comparisonTable(rows: readonly Comparison[]): string {
  const lines = [
    '| store | operation | ours ops/s | raw ops/s | ours events/s | raw events/s | ours/raw | target | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const ratio = row.ours.opsPerSecond / row.raw.opsPerSecond;
    lines.push(
      `| ${row.store} | ${row.operation} | ${format(row.ours.opsPerSecond)} | ${format(row.raw.opsPerSecond)} | ` +
        `${format(row.ours.eventsPerSecond)} | ${format(row.raw.eventsPerSecond)} | ${formatRatio(ratio)} | ` +
        `≥ ${row.target} | ${ratio >= row.target ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}
