import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The dev server a start launched, by process id, in its data directory. A process killed outright
 * (SIGKILL, the OOM killer, a closed terminal's hang-up it does not survive) cannot stop its child: the
 * server goes on holding the port and the SQLite file, and the next start would talk to it unsupervised
 * while its own server fails to bind. The file lets that next start find the orphan and stop it first.
 */
export function devServerPidFile(dataDir: string): string {
  return join(dataDir, 'temporal-dev-server.pid');
}

export function recordDevServerPid(dataDir: string, pid: number): void {
  writeFileSync(devServerPidFile(dataDir), `${pid}\n`);
}

/** Removes the record, if it still names `pid` (a later start may have written its own). */
export function forgetDevServerPid(dataDir: string, pid: number): void {
  if (recordedPid(dataDir) === pid) rmSync(devServerPidFile(dataDir), { force: true });
}

/**
 * Stops the dev server an earlier start left running on this data directory, if there is one: the
 * recorded process, and only if it is still a `temporal server start-dev` on this directory's database
 * (a process id is reused once its process is gone). Returns the pid it stopped.
 */
export async function stopOrphanedDevServer(dataDir: string, dbFile: string): Promise<number | undefined> {
  const pid = recordedPid(dataDir);
  if (pid === undefined) return undefined;
  const command = commandLineOf(pid);
  const ours = command !== undefined && command.includes('start-dev') && command.includes(dbFile);
  if (ours) await stopProcess(pid);
  rmSync(devServerPidFile(dataDir), { force: true });
  return ours ? pid : undefined;
}

function recordedPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(devServerPidFile(dataDir), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The process's command line, or undefined when no such process runs. */
function commandLineOf(pid: number): string | undefined {
  if (!isAlive(pid)) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    // No /proc (macOS): ps says the same.
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user's process; it is then not ours to stop either.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** Ended, and waiting for a parent that does not reap it (Linux; elsewhere it is taken as running). */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

/** SIGTERM, as a stop does; SIGKILL if it has not ended within 10 s; given up 5 s after that. */
async function stopProcess(pid: number): Promise<void> {
  const started = Date.now();
  let signal: NodeJS.Signals = 'SIGTERM';
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  while (isAlive(pid) && Date.now() - started < 15_000) {
    if (signal === 'SIGTERM' && Date.now() - started > 10_000) {
      signal = 'SIGKILL';
      try {
        process.kill(pid, signal);
      } catch {
        return;
      }
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}
