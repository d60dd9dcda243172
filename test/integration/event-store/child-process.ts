import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningFixture {
  readonly child: ChildProcess;
  /** Every line the child has printed so far. */
  readonly lines: string[];
  readonly stderr: () => string;
  readonly exited: Promise<unknown>;
}

/** Runs a TypeScript fixture from ./fixtures in a real child process (ts-node, no type-check). */
export function startFixture(script: string, args: string[]): RunningFixture {
  return startScript(join(__dirname, 'fixtures', script), args);
}

/** Runs a TypeScript file in a real child process (ts-node, no type-check). */
export function startScript(path: string, args: string[]): RunningFixture {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), path, ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, lines, stderr: () => stderr, exited: once(child, 'exit') };
}

/** SIGKILL, then wait until the process is reaped (a zombie's pid would still look alive). */
export async function killHard(fixture: RunningFixture): Promise<void> {
  fixture.child.kill('SIGKILL');
  await fixture.exited;
}
