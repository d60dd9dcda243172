/** Markdown tables, so the output can go into docs/benchmarks.md as it is. */
import type { HistoryCounts } from './history-counts';
import type { LifecycleRun } from './lifecycle-run';

export const TARGET_RATIO = 1.2;

export interface LifecycleComparison {
  readonly real: LifecycleRun;
  readonly bare: LifecycleRun;
  readonly realPerTown: HistoryCounts;
  readonly barePerTown: HistoryCounts;
}

const ms = (value: number) =>
  value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
const count = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** What a town cost the real side, as a multiple of what it cost the bare mirror. */
export function perTownRatio({ real, bare }: LifecycleComparison): number {
  return real.wallMs / real.towns / (bare.wallMs / bare.towns);
}

export function timingTable(rows: readonly LifecycleComparison[]): string {
  const lines = [
    '| towns | real, s | bare, s | real ms/town | bare ms/town | real/bare per town | real ms/update | bare ms/update | target | met |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const { real, bare } = row;
    const ratio = perTownRatio(row);
    lines.push(
      `| ${real.towns.toLocaleString('en-US')} | ${(real.wallMs / 1000).toFixed(1)} | ${(bare.wallMs / 1000).toFixed(1)} | ` +
        `${ms(real.wallMs / real.towns)} | ${ms(bare.wallMs / bare.towns)} | ${ratio.toFixed(2)} | ` +
        `${ms(real.wallMs / real.updates)} | ${ms(bare.wallMs / bare.updates)} | ≤ ${TARGET_RATIO} | ${ratio <= TARGET_RATIO ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

/** What each side did per town, read back from the server's histories. */
export function workTable(rows: readonly LifecycleComparison[]): string {
  const fields: [keyof HistoryCounts, string][] = [
    ['updates', 'updates'],
    ['signalsReceived', 'signals received'],
    ['signalsSent', 'signals sent'],
    ['timersFired', 'timers fired'],
    ['timersStarted', 'timers started'],
    ['activities', 'activities'],
    ['localActivities', 'local activities'],
    ['workflowTasks', 'workflow tasks'],
    ['events', 'history events'],
  ];
  const lines = [
    `| per town | ${rows.map((row) => `real (${row.real.towns}) | bare (${row.bare.towns})`).join(' | ')} |`,
    `| --- | ${rows.map(() => '---: | ---:').join(' | ')} |`,
  ];
  for (const [field, label] of fields) {
    lines.push(
      `| ${label} | ${rows.map((row) => `${count(row.realPerTown[field])} | ${count(row.barePerTown[field])}`).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** Where each side's wall time went, per town. */
export function splitTable(rows: readonly LifecycleComparison[]): string {
  const lines = [
    "| towns | side | skipping (deadlines, reminders, relays) ms/town | officials' steps ms/town | relayed rounds ms/town |",
    '| ---: | --- | ---: | ---: | ---: |',
  ];
  for (const { real, bare } of rows) {
    for (const [side, run] of [
      ['real', real],
      ['bare', bare],
    ] as const) {
      const per = (value: number) => ms(value / run.towns);
      lines.push(
        `| ${run.towns.toLocaleString('en-US')} | ${side} | ${per(run.split.skipping)} | ${per(run.split.steps)} | ${side === 'real' ? 'in skipping' : per(run.split.relays)} |`,
      );
    }
  }
  return lines.join('\n');
}
