import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataDirInUse,
  devServerPidFile,
  forgetDevServerPid,
  recordDevServerPid,
  stopOrphanedDevServer,
} from '../../../infra/temporal/dev-server-pid-file';

/** A process whose command line reads like a dev server's: `… start-dev --db-filename <dbFile>`. */
function lookalike(...args: string[]): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
}

const ended = (child: ChildProcess): Promise<string> =>
  new Promise((resolveEnd) => child.once('exit', (code, signal) => resolveEnd(signal ?? String(code))));

/** The pid of a process that has ended: a start killed outright, whose server lives on. */
async function endedProcessPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await ended(gone);
  return gone.pid ?? 0;
}

describe('the dev server left running by a killed start', () => {
  let dataDir: string;
  let dbFile: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dev-server-pid-'));
    dbFile = join(dataDir, 'temporal.db');
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is stopped by the next start, and its record removed', async () => {
    const orphan = lookalike('server', 'start-dev', '--db-filename', dbFile);
    children.push(orphan);
    const end = ended(orphan);
    recordDevServerPid(dataDir, orphan.pid ?? 0, await endedProcessPid());

    await expect(stopOrphanedDevServer(dataDir, dbFile)).resolves.toBe(orphan.pid);

    await expect(end).resolves.toBe('SIGTERM');
    expect(existsSync(devServerPidFile(dataDir))).toBe(false);
  });

  it('is stopped when recorded without its launcher, as records were before they named it', async () => {
    const orphan = lookalike('server', 'start-dev', '--db-filename', dbFile);
    children.push(orphan);
    const end = ended(orphan);
    writeFileSync(devServerPidFile(dataDir), `${orphan.pid ?? 0}\n`);

    await expect(stopOrphanedDevServer(dataDir, dbFile)).resolves.toBe(orphan.pid);
    await expect(end).resolves.toBe('SIGTERM');
  });

  it('is left running, and the start refused, while the start that launched it still runs', async () => {
    // This process launched it, and runs: a second start on the same directory.
    const running = lookalike('server', 'start-dev', '--db-filename', dbFile);
    children.push(running);
    recordDevServerPid(dataDir, running.pid ?? 0);

    const refused = stopOrphanedDevServer(dataDir, dbFile);
    await expect(refused).rejects.toThrow(DataDirInUse);
    await expect(refused).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE' });

    expect(running.exitCode).toBeNull();
    expect(running.signalCode).toBeNull();
    expect(existsSync(devServerPidFile(dataDir))).toBe(true);
  });

  it('leaves alone a process that now holds the recorded id but is not this directory’s server', async () => {
    const other = lookalike('server', 'start-dev', '--db-filename', join(dataDir, 'elsewhere.db'));
    children.push(other);
    recordDevServerPid(dataDir, other.pid ?? 0);

    await expect(stopOrphanedDevServer(dataDir, dbFile)).resolves.toBeUndefined();

    expect(other.exitCode).toBeNull();
    expect(other.signalCode).toBeNull();
    expect(existsSync(devServerPidFile(dataDir))).toBe(false);
  });

  it('finds nothing to stop without a record, or when the recorded process is gone', async () => {
    await expect(stopOrphanedDevServer(dataDir, dbFile)).resolves.toBeUndefined();
    const gone = lookalike('server', 'start-dev', '--db-filename', dbFile);
    const end = ended(gone);
    gone.kill('SIGKILL');
    await end;
    recordDevServerPid(dataDir, gone.pid ?? 0);
    await expect(stopOrphanedDevServer(dataDir, dbFile)).resolves.toBeUndefined();
  });

  it('forgets a record only while it still names the same process', () => {
    recordDevServerPid(dataDir, 4242);
    forgetDevServerPid(dataDir, 4343);
    expect(existsSync(devServerPidFile(dataDir))).toBe(true);
    forgetDevServerPid(dataDir, 4242);
    expect(existsSync(devServerPidFile(dataDir))).toBe(false);
  });
});
