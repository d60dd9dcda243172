/**
 * The auditors' replay as they run it: `npm run audit -- replay --query …` in a process of its own,
 * against the server the histories were made on. Its wall time, the CPU it used and its peak resident
 * memory are read from /proc while it runs, so the figures are the CLI's own, not this process's.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CliReplay {
  readonly seconds: number;
  /** User and system CPU of the CLI's process, in seconds. */
  readonly cpuSeconds: number;
  readonly peakResidentMiB: number;
  readonly runs: number;
  readonly events: number;
}

const ROOT = join(__dirname, '..', '..');
const CLOCK_TICKS = 100; // USER_HZ on Linux.

export async function replayThroughCli(
  address: string,
  namespace: string,
  query: string,
): Promise<CliReplay> {
  const child = spawn(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      join(ROOT, 'apps/audit/cli.ts'),
      'replay',
      '--query',
      query,
      '--json',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const started = process.hrtime.bigint();
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let last = { cpuSeconds: 0, peakResidentMiB: 0 };
  const sampler = setInterval(() => {
    const sample = sampleProcess(child.pid);
    if (sample === undefined) return;
    // A process that has exited but is not yet reaped keeps its CPU times but no memory figures.
    const { peakResidentMiB } = Number.isFinite(sample.peakResidentMiB) ? sample : last;
    last = { cpuSeconds: sample.cpuSeconds, peakResidentMiB };
  }, 200);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`audit replay exited with ${String(code)}: ${stdout.slice(0, 2000)}`);
  const report = JSON.parse(stdout) as { summary: { runs: number; events: number } };
  return { seconds, ...last, runs: report.summary.runs, events: report.summary.events };
}

/** CPU so far and the resident high-water mark, or undefined once the process is gone. */
function sampleProcess(pid: number | undefined): { cpuSeconds: number; peakResidentMiB: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwmKiB = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
    return { cpuSeconds: ticks / CLOCK_TICKS, peakResidentMiB: hwmKiB / 1024 };
  } catch {
    return undefined;
  }
}
