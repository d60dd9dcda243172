import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { EventStoreLockedError } from '../event-store.errors';

/**
 * PGlite is a single-process database: two processes opening the same directory would each replay and
 * write the WAL and corrupt it. This lock makes the second one fail fast with EventStoreLockedError.
 *
 * The lock is a file created with O_EXCL holding the owner's pid, host and a nonce. A process killed
 * with SIGKILL leaves it behind; the next opener sees that the pid is dead and takes the lock over. The
 * take-over itself is guarded by a second O_EXCL file so that two openers racing for one stale lock
 * cannot both win (one would otherwise delete the other's fresh lock).
 */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

export const LOCK_FILE_NAME = 'event-store.lock';

/** Locks held by this process: a second open in-process is refused like one from another process. */
const heldInThisProcess = new Set<string>();

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly nonce: string;
}

export function acquireDirectoryLock(directory: string): DirectoryLock {
  const path = join(resolve(directory), LOCK_FILE_NAME);
  if (heldInThisProcess.has(path)) throw new EventStoreLockedError(directory, process.pid);

  const owner: LockOwner = { pid: process.pid, host: hostname(), nonce: randomUUID() };
  const content = JSON.stringify(owner);
  // Later rounds follow the removal of a stale lock. Losing a race there means someone else
  // now holds a live lock, which the second round reports.
  for (let round = 0; round < 3; round += 1) {
    if (tryCreate(path, content)) {
      heldInThisProcess.add(path);
      return { path, release: () => release(path, content) };
    }
    const existing = readLock(path);
    if (existing === undefined) continue; // released between our create and our read
    const holder = parseOwner(existing);
    if (holder !== undefined && isAlive(holder)) throw new EventStoreLockedError(directory, holder.pid);
    removeStaleLock(directory, path, existing);
  }
  throw new EventStoreLockedError(directory, parseOwner(readLock(path) ?? '')?.pid);
}

function tryCreate(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** An empty or unreadable lock is one whose writer died between creating and writing it: stale. */
function parseOwner(content: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(content) as Partial<LockOwner>;
    if (
      typeof parsed.pid === 'number' &&
      typeof parsed.host === 'string' &&
      typeof parsed.nonce === 'string'
    ) {
      return { pid: parsed.pid, host: parsed.host, nonce: parsed.nonce };
    }
  } catch {
    // fall through: unparsable
  }
  return undefined;
}

function isAlive(owner: LockOwner): boolean {
  // A pid from another machine (a shared volume) cannot be checked from here: assume it is alive.
  if (owner.host !== hostname()) return true;
  // Our own pid in a lock this process does not hold: a previous process's pid was reused by us.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

/** Removes the lock only if it still holds exactly the stale content we judged, under a guard file. */
function removeStaleLock(directory: string, path: string, staleContent: string): void {
  const guardPath = `${path}.takeover`;
  const guardContent = JSON.stringify({ pid: process.pid, host: hostname(), nonce: randomUUID() });
  if (!tryCreate(guardPath, guardContent)) {
    const guardOwner = parseOwner(readLock(guardPath) ?? '');
    if (guardOwner !== undefined && isAlive(guardOwner)) {
      // Another process is taking the stale lock over right now; it will hold the directory.
      throw new EventStoreLockedError(directory, guardOwner.pid);
    }
    // The guard's owner died mid take-over (a window of microseconds): clear it and let the caller retry.
    unlinkIfContent(guardPath, readLock(guardPath));
    return;
  }
  try {
    unlinkIfContent(path, staleContent);
  } finally {
    unlinkIfContent(guardPath, guardContent);
  }
}

function unlinkIfContent(path: string, expected: string | undefined): void {
  if (expected === undefined || readLock(path) !== expected) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

function release(path: string, content: string): void {
  heldInThisProcess.delete(path);
  unlinkIfContent(path, content);
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
