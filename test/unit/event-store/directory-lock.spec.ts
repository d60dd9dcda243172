import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreLockedError } from '../../../infra/event-store/event-store.errors';
import { acquireDirectoryLock, LOCK_FILE_NAME } from '../../../infra/event-store/pglite/directory-lock';

describe('PGlite directory lock', () => {
  let directory: string;
  let lockPath: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'directory-lock-'));
    lockPath = join(directory, LOCK_FILE_NAME);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const writeLock = (owner: object | string) =>
    writeFileSync(lockPath, typeof owner === 'string' ? owner : JSON.stringify(owner));
  /** A pid that certainly belonged to a process and certainly no longer does. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

  it('creates a lock file naming this process, and removes it on release', () => {
    const lock = acquireDirectoryLock(directory);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });

    lock.release();

    expect(existsSync(lockPath)).toBe(false);
  });

  it('refuses a second lock in the same process until the first is released', () => {
    const lock = acquireDirectoryLock(directory);
    expect(() => acquireDirectoryLock(directory)).toThrow(EventStoreLockedError);
    lock.release();
    acquireDirectoryLock(directory).release();
  });

  it('refuses a lock held by a live process, naming it', () => {
    writeLock({ pid: process.ppid, host: hostname(), nonce: 'parent' });

    expect(() => acquireDirectoryLock(directory)).toThrow(
      expect.objectContaining({ code: 'EVENT_STORE_LOCKED', holderPid: process.ppid }) as Error,
    );
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ nonce: 'parent' });
  });

  it('refuses a lock from another host, whose pid cannot be checked from here', () => {
    writeLock({ pid: deadPid(), host: `${hostname()}-elsewhere`, nonce: 'remote' });

    expect(() => acquireDirectoryLock(directory)).toThrow(EventStoreLockedError);
  });

  it.each([
    ['a dead pid', () => JSON.stringify({ pid: deadPid(), host: hostname(), nonce: 'dead' })],
    ['an empty file (its writer died before writing)', () => ''],
    [
      'this pid, reused from a previous process',
      () => JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'old' }),
    ],
  ])('takes over a stale lock holding %s', (_label, content) => {
    writeLock(content());

    const lock = acquireDirectoryLock(directory);

    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(existsSync(`${lockPath}.takeover`)).toBe(false);
    lock.release();
  });

  it('leaves a lock alone on release once it is no longer ours', () => {
    const lock = acquireDirectoryLock(directory);
    writeLock({ pid: process.ppid, host: hostname(), nonce: 'successor' });

    lock.release();

    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ nonce: 'successor' });
  });
});
