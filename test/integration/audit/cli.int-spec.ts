/** `npm run audit` end to end: the CLI in its own process, on an embedded store in a directory. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import { environmentWithoutDatabase, jsonOf, runAuditCli, type ToolRun } from '../../helpers/tool-process';
import { editStoredEvent } from './owner-edits';
import { appendProgrammeLog } from './programme-log';

jest.setTimeout(120_000);

describe('npm run audit', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  const audit = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ToolRun> =>
    runAuditCli(args, { ...env, ...extraEnv });
  const json = jsonOf;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    env = {
      ...environmentWithoutDatabase(),
      DATA_DIR: directory,
      EVENT_STORE: 'pglite',
      EVENT_STORE_DIR: join(directory, 'store'),
      AUDIT_CHECKPOINT_DIR: join(directory, 'checkpoints'),
      AUDIT_PUBLIC_KEYS_DIR: join(directory, 'keys'),
      // This suite runs no Temporal: the file is the one record it is configured with.
      AUDIT_CHECKPOINT_SINKS: 'file',
    };
    const store = await openPgliteEventStore({ dataDir: join(directory, 'store') });
    try {
      await appendProgrammeLog(store);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('makes a key, seals the log, verifies it, answers for any instant, and exports it', async () => {
    const key = json(await audit(['keygen', '--out', join(directory, 'keys'), '--json']));
    env.AUDIT_SIGNING_KEY_FILE = String(key.privateKeyFile);

    const checkpoint = json(await audit(['checkpoint', '--json']));
    expect(checkpoint).toMatchObject({ made: true, checkpoint: { sequence: 1, keyId: key.keyId } });

    const verified = await audit(['verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('OK: the log is what was recorded.');
    expect(verified.stderr).toBe('');

    const programme = json(await audit(['state', '--programme', '--at', '2019-12-31', '--json']));
    expect(programme).toMatchObject({ totals: { towns: 3, funds: { paid: 1_500_000 } } });
    const town = await audit(['state', '--town', 'wugong', '--at', '2020-06-30']);
    expect(town.stdout).toContain('武功山温泉小镇');
    expect(town.stdout).toContain('2019 不合格');

    const bundle = join(directory, 'bundle');
    expect(
      json(await audit(['export', '--town', 'wugong', '--out', bundle, '--json'])).manifest,
    ).toMatchObject({
      scope: { kind: 'town', townId: 'wugong' },
    });
    const csv = json(await audit(['export-csv', '--out', join(directory, 'csv'), '--json']));
    expect(csv.files).toHaveLength(5);
    expect(readdirSync(join(directory, 'csv')).sort()).toEqual([
      'acceptance.csv',
      'exits.csv',
      'ratings.csv',
      'recommendations.csv',
      'rewards.csv',
    ]);
    expect(readFileSync(join(directory, 'csv', 'ratings.csv'), 'utf8')).toContain('麻山汽车风情小镇');

    // Offline: a store that could not even be configured is never touched.
    const offline = await audit(['verify', '--bundle', bundle, '--json'], { EVENT_STORE: 'postgres' });
    expect(offline.code).toBe(0);
    expect(json(offline)).toMatchObject({ ok: true, eventsChecked: 9 });
  });

  it('exits 1 and names the event when the log was tampered with', async () => {
    const position = await editStoredEvent(
      join(directory, 'store'),
      { stream: 'town-mashan', type: 'TownRated' },
      'rating',
      '"优秀"',
    );

    const run = await audit(['verify', '--json']);

    expect(run.code).toBe(1);
    expect(json(run)).toMatchObject({
      firstFinding: { code: 'CONTENT_MISMATCH', position: position.toString(), stream: 'town-mashan' },
    });
  });

  it.each([
    [['state', '--town', 'x'], '[OPTION_REQUIRED] state needs --at'],
    [[], '[COMMAND_REQUIRED] A command is needed'],
  ])('exits 2 with the code and the usage for %j, a command line it cannot run', async (args, refusal) => {
    const run = await audit(args);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(refusal)).toBe(true);
    expect(run.stderr).toContain('Usage: npm run audit');
    expect(run.stdout).toBe('');
  });
});
