import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../../domain/policy/rehearsal-calendar';
import { loadConfig } from '../../../infra/config/app-config';
import { newProgrammeRecord } from '../../../infra/config/programme-choice';
import { readProgrammeRecord, recordFirstProgramme } from '../../../infra/config/programme-record';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import { policyPackAdopted, recordPolicyPack } from '../../../infra/policy-packs/policy-pack-log';
import { environmentWithoutDatabase, runTool, type ToolRun } from '../../helpers/tool-process';

/**
 * `npm run programme` as an operator runs it, on the data directories it meets: one whose store holds a
 * programme but which records none, training's, a fresh one. What it predicts is what the next start
 * does, and a command it refuses leaves the directory exactly as it was.
 */
describe('npm run programme', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-programme-cli-'));
  const held = rehearsalOf(pingxiang2017, '2026-12-08');
  afterAll(() => rmSync(place, { recursive: true, force: true }));

  const programme = (args: readonly string[], dataDir: string, extra: NodeJS.ProcessEnv = {}) => {
    const {
      POLICY: _policy,
      POLICY_FILE: _file,
      POLICY_CALENDAR: _calendar,
      POLICY_REHEARSAL_OPENS_ON: _opensOn,
      PROGRAMME_FILE: _record,
      EVENT_STORE: _store,
      EVENT_STORE_DIR: _storeDir,
      ...inherited
    } = environmentWithoutDatabase();
    return runTool('apps/programme/main.ts', args, { ...inherited, DATA_DIR: dataDir, ...extra });
  };
  const refusedWith = (run: ToolRun, code: string, exit = 1) => {
    expect({ exit: run.code, stderr: run.stderr.split('\n')[0] }).toEqual({
      exit,
      stderr: expect.stringMatching(new RegExp(`^\\[${code}\\] `)),
    });
  };
  /** Every file under `dir` (the store's excepted, which PGlite rewrites on every opening) with its content. */
  const contentsOf = (dir: string): Record<string, string> => {
    if (!existsSync(dir)) return {};
    const files: Record<string, string> = {};
    const walk = (at: string) => {
      for (const name of readdirSync(at)) {
        const path = join(at, name);
        const key = relative(dir, path);
        if (key.startsWith('event-store/')) continue;
        if (statSync(path).isDirectory()) {
          files[`${key}/`] = '';
          walk(path);
        } else files[key] = readFileSync(path, 'utf8');
      }
    };
    walk(dir);
    return files;
  };

  /** A data directory whose embedded store holds `held`, as a start before the record left it. */
  const storeWithoutRecord = async (): Promise<string> => {
    const dataDir = mkdtempSync(join(place, 'store-'));
    const store = await createEventStore({ kind: 'pglite', dataDir: join(dataDir, 'event-store') });
    try {
      await recordPolicyPack(store, held, { programmeId: held.id });
      const { metadata } = policyPackAdopted(held, { now: '', correlationId: `programme-start:${held.id}` });
      await store.append(
        `programme-${held.id}`,
        [
          {
            id: '3f0c9a52-6a4e-4d0e-9a51-2c1c0d7e9b01',
            type: 'ProgrammeStarted',
            data: { programmeId: held.id },
            metadata,
            occurredAt: '2026-12-08T01:00:00.000Z',
          },
        ],
        'any',
      );
    } finally {
      await store.close();
    }
    return dataDir;
  };

  it('on a store without a record, predicts the store’s programme and refuses POLICY* describing another', async () => {
    const dataDir = await storeWithoutRecord();
    const record = join(dataDir, 'programme.json');

    const other = { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' };
    refusedWith(await programme(['show'], dataDir, other), 'PROGRAMME_MISMATCH');
    expect(existsSync(record)).toBe(false);

    const shown = await programme(['show'], dataDir);
    expect(shown.stderr).toBe('');
    expect(shown.stdout).toMatch(`the next start runs ${held.id}, found in the event store`);
    expect(existsSync(record)).toBe(false);
  });

  it('says a programme already recorded already runs, and writes nothing', async () => {
    const dataDir = await storeWithoutRecord();
    const record = join(dataDir, 'programme.json');
    expect((await programme(['use', held.id], dataDir)).code).toBe(0);
    expect(readProgrammeRecord(record)?.programmeId).toBe(held.id);
    const before = contentsOf(dataDir);
    const again = await programme(['use', held.id], dataDir);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(`${held.id} already runs here`);
    expect(again.stdout).not.toMatch(/replaces/);
    // No copy of the record kept beside itself.
    expect(contentsOf(dataDir)).toEqual(before);
  });

  it('refuses a training data directory, whatever the command, and leaves it as it was', async () => {
    const dataDir = join(place, 'training');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'TRAINING'), 'marker\n');
    const running = loadConfig({ DATA_DIR: dataDir });
    recordFirstProgramme(
      running.programmeFile,
      newProgrammeRecord(running.policy, new Date(), 'first-start'),
    );
    const before = contentsOf(dataDir);
    for (const args of [['show'], ['new'], ['use', held.id]]) {
      const run = await programme(args, dataDir, { POLICY_REHEARSAL_OPENS_ON: '2030-03-01' });
      refusedWith(run, 'PROGRAMME_IN_TRAINING');
      expect({ args, contents: contentsOf(dataDir) }).toEqual({ args, contents: before });
    }
    expect(readdirSync(dataDir).sort()).toEqual(['TRAINING', 'programme.json']);
  });

  it('leaves a fresh data directory as it was when it finds nothing or is refused', async () => {
    const dataDir = join(place, 'fresh');
    refusedWith(await programme(['use', held.id], dataDir), 'PROGRAMME_UNKNOWN');
    expect(existsSync(dataDir)).toBe(false);

    const shown = await programme(['show'], dataDir, { POLICY_REHEARSAL_OPENS_ON: '2027-03-01' });
    expect(shown.stdout).toMatch('the next start chooses pingxiang-2017-rehearsal-2027-03-01');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a rehearsal’s day beside a calendar as written, rather than dropping the day', async () => {
    const dataDir = join(place, 'conflicting');
    const conflicting = { POLICY_CALENDAR: 'as-written', POLICY_REHEARSAL_OPENS_ON: '2027-03-01' };
    for (const args of [['new'], ['show']])
      refusedWith(await programme(args, dataDir, conflicting), 'SETTINGS_CONFLICT');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('needs a command, as every CLI of the project does', async () => {
    const dataDir = join(place, 'no-command');
    const run = await programme([], dataDir);
    refusedWith(run, 'COMMAND_REQUIRED', 2);
    expect(run.stderr).toMatch(/^\[COMMAND_REQUIRED\] [^\n]+\n\nUsage: npm run programme -- <command>/);
    expect(run.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });
});
