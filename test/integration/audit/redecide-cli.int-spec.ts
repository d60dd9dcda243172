/** `npm run audit -- redecide` end to end: the CLI in its own process, on an embedded store in a directory. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jiangxiStyleObservation, pingxiang2017 } from '../../../domain/policy';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import { pingxiangLog } from '../../unit/audit/decided-log';
import { jsonOf, runAuditCli, type ToolRun } from '../../helpers/tool-process';
import { editStoredEvent } from './owner-edits';
import { appendProgrammeLog } from './programme-log';

jest.setTimeout(120_000);

describe('npm run audit -- redecide', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  const audit = (args: readonly string[]): Promise<ToolRun> => runAuditCli(args, env);
  const json = jsonOf;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'audit-redecide-'));
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    env = { ...rest, DATA_DIR: directory, EVENT_STORE: 'pglite', EVENT_STORE_DIR: join(directory, 'store') };
    const store = await openPgliteEventStore({ dataDir: join(directory, 'store') });
    try {
      // Steps the deciders took, with their commands; and older towns' events recorded without them.
      await pingxiangLog(pingxiang2017).writeTo(store);
      await appendProgrammeLog(store);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('exits 0 when every step with a command is reproduced, and says so of the older steps', async () => {
    const run = await audit(['redecide']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reproduced        15');
    expect(run.stdout).toContain('are not counted as failures');
    expect(run.stdout).toContain('OK: every step with a command');

    const report = json(await audit(['redecide', '--json']));
    expect(report).toMatchObject({
      ok: true,
      scope: { kind: 'log' },
      totals: {
        reproduced: 15,
        differs: 0,
        refused: 0,
        byReason: { NO_COMMAND: expect.any(Number) as number },
      },
      packs: expect.arrayContaining([
        { id: 'pingxiang-2017', version: pingxiang2017.version, source: 'built-in', steps: 15 },
      ]) as unknown,
      steps: expect.any(Array) as unknown,
      stepsNotListed: 0,
    });
    expect(Object.keys(report).sort()).toEqual(
      [
        'ok',
        'scope',
        'eventsRead',
        'upToPosition',
        'totals',
        'streams',
        'otherStreams',
        'packs',
        'steps',
        'stepsNotListed',
      ].sort(),
    );
  });

  it('reports what a built-in pack, or one from a file, would decide otherwise, still exiting 0', async () => {
    const builtIn = json(
      await audit([
        'redecide',
        '--town',
        'shangli-fireworks',
        '--what-if',
        jiangxiStyleObservation.id,
        '--json',
      ]),
    );
    const packFile = join(directory, 'jiangxi.json');
    writeFileSync(packFile, JSON.stringify(jiangxiStyleObservation));
    const fromFile = await audit(['redecide', '--town', 'shangli-fireworks', '--what-if-file', packFile]);

    expect(builtIn).toMatchObject({
      ok: true,
      scope: { kind: 'town', townId: 'shangli-fireworks' },
      whatIf: { stepsThatWouldDiffer: 1, byCommand: { RateTown: 1 } },
    });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('1 of 7 steps would be decided otherwise');
    expect(fromFile.stdout).toContain('would give TownRated, TownPlacedUnderObservation');
  });

  it('exits 2 for a what-if it cannot find or read', async () => {
    const unknown = await audit(['redecide', '--what-if', 'no-such-pack']);
    const unreadable = await audit(['redecide', '--what-if-file', join(directory, 'missing.json')]);

    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[OPTION_INVALID] --what-if: no built-in pack "no-such-pack"');
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('cannot be read as JSON');
  });

  it('exits 1 and names the step, event and field of an edited event', async () => {
    const position = await editStoredEvent(
      join(directory, 'store'),
      { stream: 'town-shangli-fireworks', type: 'TownRated' },
      'score',
      '61',
    );

    const run = await audit(['redecide', '--json']);
    const text = await audit(['redecide']);

    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      ok: false,
      totals: { differs: 1 },
      steps: expect.arrayContaining([
        expect.objectContaining({
          position: position.toString(),
          outcome: {
            status: 'differs',
            difference: expect.objectContaining({
              eventIndex: 0,
              path: 'data.score',
              expected: 40,
              found: 61,
            }),
          },
        }),
      ]) as unknown,
    });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('FAILED: 1 step(s) not reproduced');
    expect(text.stdout).toContain('data.score: decided 40, recorded 61');
  });
});
