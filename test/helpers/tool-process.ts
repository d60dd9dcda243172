/** The project's command-line tools (`npm run audit`, `npm run checkpointer`, …) in processes of their own. */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts `script` (relative to the project root) through ts-node, with exactly the environment given. */
export function spawnTool(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), join(ROOT, script), ...args],
    { cwd: ROOT, env, stdio: 'pipe' },
  );
}

/** Runs `script` to its end and gives back its exit code and everything it wrote. */
export async function runTool(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ToolRun> {
  const child = spawnTool(script, args, env);
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** `npm run audit -- <args>`. */
export function runAuditCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ToolRun> {
  return runTool('apps/audit/cli.ts', args, env);
}

/** This process's environment without the PostgreSQL URL, so a tool opens only the store it is given. */
export function environmentWithoutDatabase(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _notThisStore, ...inherited } = process.env;
  return inherited;
}

/** The `--json` output of a run that finished (exit 0, or 1 for "found a problem"). */
export function jsonOf(run: ToolRun): Record<string, unknown> {
  if (run.code !== 0 && run.code !== 1) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}
