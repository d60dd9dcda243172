/**
 * Issue 13's figures side by side (`npm run bench:scale`, DATABASE_URL required): on one machine, one
 * after another in one run, each benchmark in a process of its own — the step, the query and the workers'
 * memory with 10,000 towns open on PostgreSQL over six workers; the step at today's size; a town's
 * lifecycle on both stores; hash-chained appends against raw INSERTs; the auditors' replay of 10,000
 * histories; an API restart at 1,000,000 events; the workflows' payload sizes — then one table of every
 * figure against its target. Each benchmark's own tables go to a log of its own (the directory is
 * printed first). Sizes: `--towns`, `--workers`, `--lifecycle-towns`, `--histories`, `--events`;
 * `--only at-scale,today,…` runs some parts. The whole run at the issue's sizes takes about 70 minutes on
 * two cores, half of it making the 10,000 histories to replay; results go in docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Figures } from './figures';
import {
  issueSizes,
  scaleParts,
  type FigureLine,
  type ScalePart,
  type ScaleSizes,
} from './scale/scale-parts';

function options(): { sizes: ScaleSizes; only: string[] | undefined } {
  const { values } = parseArgs({
    options: {
      towns: { type: 'string' },
      workers: { type: 'string' },
      'lifecycle-towns': { type: 'string' },
      histories: { type: 'string' },
      events: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const size = (name: keyof typeof values, fallback: number): number => {
    const given = values[name];
    if (given === undefined) return fallback;
    const value = Number(given);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
    return value;
  };
  return {
    sizes: {
      towns: size('towns', issueSizes.towns),
      workers: size('workers', issueSizes.workers),
      lifecycleTowns: size('lifecycle-towns', issueSizes.lifecycleTowns),
      histories: size('histories', issueSizes.histories),
      events: size('events', issueSizes.events),
    },
    only: values.only?.split(','),
  };
}

/** Runs one benchmark in a process of its own, its output to `log`; its figures, or why there are none. */
function runPart(part: ScalePart, directory: string): Promise<Figures> {
  const log = join(directory, `${part.name}.log`);
  const figuresFile = join(directory, `${part.name}.json`);
  const output = createWriteStream(log);
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(__dirname, part.script), ...part.args],
    {
      env: { ...process.env, ...part.env, BENCH_FIGURES_FILE: figuresFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      output.end();
      if (code !== 0) reject(new Error(`exited ${code}; see ${log}`));
      else resolve(JSON.parse(readFileSync(figuresFile, 'utf8')) as Figures);
    });
  });
}

function summary(lines: readonly FigureLine[]): string {
  return [
    '| figure | measured | target | met |',
    '| --- | ---: | --- | --- |',
    ...lines.map(({ figure, measured, target }) =>
      target
        ? `| ${figure} | ${measured} | ${target.text} | ${target.met ? 'yes' : '**no**'} |`
        : `| ${figure} | ${measured} | (reported) | |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required: most figures are on PostgreSQL');
  const { sizes, only } = options();
  const parts = scaleParts(sizes).filter((part) => only === undefined || only.includes(part.name));
  if (only?.some((name) => !parts.some((part) => part.name === name))) {
    throw new Error(
      `--only names parts of: ${scaleParts(sizes)
        .map((part) => part.name)
        .join(', ')}`,
    );
  }
  const directory = process.env.BENCH_LOG_DIR ?? mkdtempSync(join(tmpdir(), 'bench-scale-'));
  mkdirSync(directory, { recursive: true });
  process.stderr.write(`Each benchmark's own output: ${directory}\n`);
  const started = new Date();
  const lines: FigureLine[] = [];
  let failed = false;
  for (const part of parts) {
    const partStarted = Date.now();
    process.stderr.write(`${part.name}…`);
    try {
      lines.push(...part.lines(await runPart(part, directory)));
      process.stderr.write(` ${((Date.now() - partStarted) / 60_000).toFixed(1)} min\n`);
    } catch (error) {
      failed = true;
      process.stderr.write(` failed\n`);
      lines.push({ figure: part.name, measured: `not measured: ${(error as Error).message}` });
    }
  }
  const model = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    [
      `Issue 13's figures, one run: ${started.toISOString()} to ${new Date().toISOString()}; ` +
        `${cpus().length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node.js ${process.version}`,
      '',
      summary(lines),
    ].join('\n'),
  );
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
