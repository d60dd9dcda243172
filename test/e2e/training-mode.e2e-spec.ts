import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  callApi,
  npmStartPlace,
  startNpmStart,
  tokenFromDataDir,
  type NpmStartPlace,
  type NpmStartProcess,
} from '../helpers/npm-start-process';

/**
 * `npm run start:training` in a process of its own, on the time-skipping test server: an administrator
 * moves the virtual clock past the next deadline over HTTP, and the deadline fires on the way.
 */
interface Deadline {
  readonly scope: string;
  readonly subjectId: string;
  readonly name: string;
  readonly dueAt: string;
}

/** The public clock names a deadline by its scope, name and instant only (never whose it is). */
type PublicDeadline = Omit<Deadline, 'subjectId'>;

const sameDeadline = (a: PublicDeadline) => (b: PublicDeadline) =>
  a.scope === b.scope && a.name === b.name && a.dueAt === b.dueAt;

describe('npm run start:training', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-training-'));
  let place: NpmStartPlace;
  let system: NpmStartProcess | undefined;

  beforeAll(async () => {
    place = await npmStartPlace(dataDir);
    system = await startNpmStart(place, { args: ['--training'] });
  }, 240_000);

  afterAll(async () => {
    expect(await system?.stop('SIGINT')).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('says it is a training run, on the time-skipping server', () => {
    expect(system?.output()).toMatch(/TRAINING MODE \(演练\)/);
    expect(system?.output()).toMatch(/Virtual clock {2}\d{4}-\d\d-\d\dT/);
    expect(system?.output()).not.toMatch(/Temporal UI/);
    expect(system?.output()).toMatch(/chosen anew at this start, as at every start in training mode/);
  });

  it('is ready for officials on the time-skipping server', async () => {
    if (!system) throw new Error('not started');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await callApi(system, 'GET', '/health/ready');
      if (ready.status === 200) break;
      if (Date.now() > deadline) throw new Error(`never ready: ${JSON.stringify(ready.body)}`);
      await delay(500);
    }
  }, 90_000);

  it('moves the clock past the next deadline for an administrator, and the deadline fires', async () => {
    if (!system) throw new Error('not started');
    const clock = await callApi(system, 'GET', '/training/clock');
    expect(clock.status).toBe(200);
    const next = clock.body.nextDeadline as PublicDeadline | null;
    if (next === null)
      throw new Error(`a new programme has a pending deadline: ${JSON.stringify(clock.body)}`);
    expect(Date.parse(next.dueAt)).toBeGreaterThan(Date.parse(clock.body.now as string));
    expect(Object.keys(next).sort()).toEqual(['dueAt', 'fires', 'name', 'scope']);

    const administrator = await tokenFromDataDir(place, ['--role', 'administrator']);
    const beforeMove = await callApi(system, 'GET', '/deadlines?within=366d', administrator);
    expect(beforeMove.body.items as Deadline[]).toContainEqual(expect.objectContaining(next));

    const moved = await callApi(system, 'POST', '/training/clock', administrator, { to: 'next-deadline' });
    expect(moved.status).toBe(200);
    // The administrator, who sees every county, is told whose deadline passed.
    expect(moved.body.passed).toEqual(expect.objectContaining({ ...next, subjectId: expect.any(String) }));
    expect(Date.parse(moved.body.now as string)).toBeGreaterThan(Date.parse(next.dueAt));

    // The API's own clock is the virtual one, and the fired deadline is no longer pending.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const after = await callApi(system, 'GET', '/deadlines?within=366d', administrator);
      expect(Date.parse(after.body.from as string)).toBeGreaterThan(Date.parse(next.dueAt));
      if (!(after.body.items as Deadline[]).some(sameDeadline(next))) break;
      if (Date.now() > deadline) throw new Error(`${JSON.stringify(next)} still pending after the move`);
      await delay(250);
    }
    const read = await callApi(system, 'GET', '/training/clock');
    expect(Date.parse(read.body.now as string)).toBeGreaterThanOrEqual(Date.parse(moved.body.now as string));
  }, 180_000);

  it('moves to 09:00 of a Shanghai date, forward only', async () => {
    if (!system) throw new Error('not started');
    const administrator = await tokenFromDataDir(place, ['--role', 'administrator']);
    const { body: clock } = await callApi(system, 'GET', '/training/clock');
    const year = Number((clock.now as string).slice(0, 4)) + 1;
    const moved = await callApi(system, 'POST', '/training/clock', administrator, { date: `${year}-01-31` });
    expect(moved.status).toBe(200);
    // 09:00 of 31 January in Shanghai; the virtual clock runs on at the wall clock's pace after it.
    const morning = Date.parse(`${year}-01-31T01:00:00.000Z`);
    expect(Date.parse(moved.body.now as string)).toBeGreaterThanOrEqual(morning);
    expect(Date.parse(moved.body.now as string)).toBeLessThan(morning + 60_000);

    const backwards = await callApi(system, 'POST', '/training/clock', administrator, {
      date: `${year}-01-01`,
    });
    expect(backwards.status).toBe(409);
    expect(backwards.body.code).toBe('TRAINING_CLOCK_BACKWARDS');
    const { body: after } = await callApi(system, 'GET', '/training/clock');
    expect(Date.parse(after.now as string)).toBeGreaterThanOrEqual(morning);
  }, 180_000);

  it('answers 501, not an outage to retry, where the test server has no visibility to list audit jobs', async () => {
    if (!system) throw new Error('not started');
    const auditor = await tokenFromDataDir(place, ['--role', 'auditor']);
    const jobs = await callApi(system, 'GET', '/audit/jobs', auditor);
    expect(jobs.status).toBe(501);
    expect(jobs.body.code).toBe('TEMPORAL_FEATURE_UNAVAILABLE');
  }, 60_000);

  it('verifies the log without looking for checkpoint ledgers it could not list', async () => {
    if (!system) throw new Error('not started');
    const auditor = await tokenFromDataDir(place, ['--role', 'auditor']);
    const started = await callApi(system, 'POST', '/audit/jobs', auditor, { kind: 'verify' });
    expect(started.status).toBe(202);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const job = await callApi(system, 'GET', `/audit/jobs/${started.body.jobId as string}`, auditor);
      expect(job.status).toBe(200);
      if (job.body.state !== 'running') {
        expect({ state: job.body.state, error: job.body.error }).toEqual({ state: 'completed', error: null });
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`the verify job is still running: ${JSON.stringify(job.body)}`);
      await delay(500);
    }
  }, 180_000);

  it('lets no other seat move the clock, and refuses a move without exactly one target', async () => {
    if (!system) throw new Error('not started');
    const before = (await callApi(system, 'GET', '/training/clock')).body.now as string;
    const office = await tokenFromDataDir(place, ['--role', 'joint-meeting-office']);
    const refused = await callApi(system, 'POST', '/training/clock', office, { to: 'next-deadline' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    expect(
      (await callApi(system, 'POST', '/training/clock', undefined, { to: 'next-deadline' })).status,
    ).toBe(401);

    const administrator = await tokenFromDataDir(place, ['--role', 'administrator']);
    const neither = await callApi(system, 'POST', '/training/clock', administrator, {});
    expect(neither.status).toBe(400);
    expect(neither.body.errors).toContainEqual(
      expect.objectContaining({ code: 'TRAINING_CLOCK_TARGET_REQUIRED' }),
    );
    const both = await callApi(system, 'POST', '/training/clock', administrator, {
      to: 'next-deadline',
      date: '2099-01-01',
    });
    expect(both.status).toBe(400);
    const badDate = await callApi(system, 'POST', '/training/clock', administrator, { date: '2027-02-30x' });
    expect(badDate.status).toBe(400);
    // Nothing moved: the clock only ran on at the wall clock's pace (well under a day).
    const after = (await callApi(system, 'GET', '/training/clock')).body.now as string;
    expect(Date.parse(after) - Date.parse(before)).toBeLessThan(24 * 3_600_000);
  }, 120_000);

  it('refuses a data directory that holds something else, and deletes nothing in it', async () => {
    const other = mkdtempSync(join(tmpdir(), 'towns-not-training-'));
    try {
      writeFileSync(join(other, 'programme.json'), '{}');
      const refused = startNpmStart(await npmStartPlace(other), { args: ['--training'] });
      await expect(refused).rejects.toThrow(/is not a training data directory/);
      expect(readFileSync(join(other, 'programme.json'), 'utf8')).toBe('{}');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);
});
