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

/** The server's pid, and the launching process's beside it (`<server> <launcher>`): see `DataDirInUse`. */
export function recordDevServerPid(dataDir: string, pid: number, launcherPid: number = process.pid): void {
  writeFileSync(devServerPidFile(dataDir), `${pid} ${launcherPid}\n`);
}

/**
 * The recorded server is still the child of the start that launched it, and that start runs: the
 * directory is in use, and its server is no orphan. Stopping it would take Temporal from under a running
 * system (whose supervisor would start it again, and be stopped again by the next start).
 */
export class DataDirInUse extends Error {
  override readonly name = 'DataDirInUse';
  readonly code = 'DATA_DIR_IN_USE';

  constructor(dataDir: string, launcherPid: number, serverPid: number) {
    super(
      `Another start (pid ${launcherPid}) runs on this data directory ${dataDir} with its Temporal dev ` +
        `server (pid ${serverPid}): stop it first, or set DATA_DIR to another directory.`,
    );
  }
}

/** Removes the record, if it still names `pid` (a later start may have written its own). */
export function forgetDevServerPid(dataDir: string, pid: number): void {
  if (recorded(dataDir)?.pid === pid) rmSync(devServerPidFile(dataDir), { force: true });
}

/**
 * Stops the dev server an earlier start left running on this data directory, if there is one: the
 * recorded process, and only if it is still a `temporal server start-dev` on this directory's database
 * (a process id is reused once its process is gone). Returns the pid it stopped. A server whose
 * launching start still runs, as its parent, is no orphan: `DataDirInUse`, and nothing is stopped.
 */
export async function stopOrphanedDevServer(dataDir: string, dbFile: string): Promise<number | undefined> {
  const record = recorded(dataDir);
  if (record === undefined) return undefined;
  const { pid, launcherPid } = record;
  const command = commandLineOf(pid);
  const ours = command !== undefined && command.includes('start-dev') && command.includes(dbFile);
  if (ours && launcherPid !== undefined && isAlive(launcherPid) && parentOf(pid) === launcherPid) {
    throw new DataDirInUse(dataDir, launcherPid, pid);
  }
  if (ours) await stopProcess(pid);
  rmSync(devServerPidFile(dataDir), { force: true });
  return ours ? pid : undefined;
}

/** The record: the server's pid, and its launcher's (absent from records written before it was kept). */
function recorded(dataDir: string): { pid: number; launcherPid: number | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(devServerPidFile(dataDir), 'utf8');
  } catch {
    return undefined;
  }
  const [pid, launcherPid] = text.trim().split(/\s+/).map(Number);
  const valid = (value: number | undefined): value is number =>
    value !== undefined && Number.isSafeInteger(value) && value > 0;
  return valid(pid) ? { pid, launcherPid: valid(launcherPid) ? launcherPid : undefined } : undefined;
}

/** The process's parent pid; undefined when it cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    // No /proc (macOS): ps says the same.
    try {
      return Number(execFileSync('ps', ['-p', String(pid), '-o', 'ppid='], { encoding: 'utf8' }).trim());
    } catch {
      return undefined;
    }
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
