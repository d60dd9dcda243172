import { writeFileSync } from 'node:fs';

/** What one benchmark measured, by name: numbers only, so `bench:scale` can set them against targets. */
export type Figures = Readonly<Record<string, number>>;

/**
 * Leaves a benchmark's figures where `npm run bench:scale` asked for them (`BENCH_FIGURES_FILE`), as
 * JSON; run on its own, a benchmark only prints its tables.
 */
export function reportFigures(figures: Figures): void {
  const file = process.env.BENCH_FIGURES_FILE;
  if (file !== undefined && file !== '') writeFileSync(file, `${JSON.stringify(figures)}\n`);
}
