import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readApiProcessSettings,
  readCheckpointerSettings,
  readWorkerProcessSettings,
} from '../../../apps/process-settings';
import { readStartSettings } from '../../../apps/start-settings';
import { recordFirstProgramme } from '../../../infra/config/programme-record';
import { newProgrammeRecord } from '../../../infra/config/programme-choice';
import { loadConfig } from '../../../infra/config/app-config';
import { refusedStartSettings } from '../../fixtures/refused-settings';

/** What a read refused with, or undefined when it read the settings. */
async function refusalOf(read: () => unknown): Promise<{ code?: unknown; message: string } | undefined> {
  try {
    await read();
    return undefined;
  } catch (error) {
    return error as { code?: unknown; message: string };
  }
}

describe('the settings a long-running process reads before it starts anything', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-process-settings-'));
  afterAll(() => rmSync(place, { recursive: true, force: true }));
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dataDir = join(place, `data-${Math.random().toString(36).slice(2)}`);
    env = { DATA_DIR: dataDir, HOST: '127.0.0.1' };
  });

  it('reads npm start’s whole configuration without writing anything', async () => {
    const settings = await readStartSettings(false, env);
    expect(settings.config.dataDir).toBe(dataDir);
    expect(settings.api.trustProxy).toBe(false);
    expect(settings.worker.maxCachedWorkflows).toBe(500);
    expect(settings.auditJobs.scheduling.workerConcurrency).toBe(2);
    expect(settings.keys).toBeUndefined();
    expect(settings.checkpointer).toBeUndefined();
    expect(existsSync(dataDir)).toBe(false);
  });

  it.each(refusedStartSettings)(
    'npm start refuses %s=%s with %s, naming it, and writes nothing',
    async (name, value, code) => {
      const refusal = await refusalOf(() => readStartSettings(false, { ...env, [name]: value }));
      expect(refusal?.code).toBe(code);
      expect(refusal?.message).toContain(`${name}="${value}"`);
      expect(existsSync(dataDir)).toBe(false);
    },
  );

  it('refuses POLICY* settings that describe another programme than the one recorded', async () => {
    const config = loadConfig(env);
    recordFirstProgramme(config.programmeFile, newProgrammeRecord(config.policy, new Date(), 'first-start'));
    const refusal = await refusalOf(() =>
      readStartSettings(false, { ...env, POLICY: 'jiangxi-style-observation' }),
    );
    expect(refusal?.code).toBe('PROGRAMME_MISMATCH');
  });

  describe('the ports npm start binds', () => {
    it.each([
      [{ PORT: '7400', TEMPORAL_PORT: '7400' }, 'PORT="7400" and TEMPORAL_PORT="7400": the same port'],
      [
        { TEMPORAL_UI_PORT: '7400', TEMPORAL_PORT: '7400' },
        'TEMPORAL_PORT="7400" and TEMPORAL_UI_PORT="7400"',
      ],
      [{ TEMPORAL_UI_PORT: '7233' }, 'TEMPORAL_PORT (unset: 7233) and TEMPORAL_UI_PORT="7233"'],
      [{ PORT: '8233' }, 'PORT="8233" and TEMPORAL_UI_PORT (unset: 8233)'],
    ])('refuses %j, one port named twice, naming both settings', async (ports, message) => {
      const refusal = await refusalOf(() => readStartSettings(false, { ...env, ...ports }));
      expect(refusal).toMatchObject({ code: 'SETTINGS_CONFLICT' });
      expect(refusal?.message).toContain(message);
      expect(existsSync(dataDir)).toBe(false);
    });

    it('leaves the dev server’s ports alone when it runs none (TEMPORAL_ADDRESS, training)', async () => {
      const clash = { PORT: '7400', TEMPORAL_PORT: '7400' };
      const elsewhere = { ...env, ...clash, TEMPORAL_ADDRESS: '127.0.0.1:7233' };
      await expect(readStartSettings(false, elsewhere)).resolves.toBeDefined();
      await expect(readStartSettings(true, { ...env, ...clash })).resolves.toBeDefined();
    });
  });

  it('refuses a rehearsal day with the calendar as written, naming both, and writes nothing', async () => {
    const refusal = await refusalOf(() =>
      readStartSettings(false, {
        ...env,
        POLICY_CALENDAR: 'as-written',
        POLICY_REHEARSAL_OPENS_ON: '2027-03-01',
      }),
    );
    expect(refusal?.code).toBe('SETTINGS_CONFLICT');
    expect(refusal?.message).toMatch(/POLICY_REHEARSAL_OPENS_ON="2027-03-01".*POLICY_CALENDAR="as-written"/);
    expect(existsSync(dataDir)).toBe(false);
  });

  describe('training mode', () => {
    it.each([
      ['TEMPORAL_ADDRESS', '127.0.0.1:7233'],
      ['PROGRAMME_FILE', '/srv/programme.json'],
      ['EVENT_STORE', 'postgres'],
      // It makes no checkpoints: a key or an interval would be taken and ignored.
      ['AUDIT_SIGNING_KEY_FILE', '/srv/keys/checkpointer.private.pem'],
      ['AUDIT_CHECKPOINT_EVERY', '1h'],
    ])('refuses %s, a setting it cannot take, as a conflict naming it', async (name, value) => {
      const refusal = await refusalOf(() => readStartSettings(true, { ...env, [name]: value }));
      expect(refusal).toMatchObject({ code: 'SETTINGS_CONFLICT' });
      expect(refusal?.message).toMatch(new RegExp(`^${name}=".*": training mode `));
    });

    it('takes the embedded store, named', async () => {
      await expect(readStartSettings(true, { ...env, EVENT_STORE: 'pglite' })).resolves.toBeDefined();
    });

    it('refuses a data directory holding something else, and leaves it as it was', async () => {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'programme.json'), '{}');
      const refusal = await refusalOf(() => readStartSettings(true, env));
      expect(refusal).toMatchObject({ code: 'SETTING_INVALID' });
      expect(refusal?.message).toMatch(/^DATA_DIR=".*": holds data but is not a training data directory/);
      expect(readdirSync(dataDir)).toEqual(['programme.json']);
    });

    it('takes a training run’s own directory again, and a fresh one without writing to it', async () => {
      await expect(readStartSettings(true, env)).resolves.toBeDefined();
      expect(existsSync(dataDir)).toBe(false);
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'TRAINING'), '');
      writeFileSync(join(dataDir, 'programme.json'), '{}');
      await expect(readStartSettings(true, env)).resolves.toBeDefined();
    });
  });

  it('start:api and start:worker need TEMPORAL_ADDRESS, and the API its identity provider’s key', async () => {
    expect(await refusalOf(() => readWorkerProcessSettings(env))).toMatchObject({
      code: 'SETTING_REQUIRED',
      message: expect.stringMatching(/^TEMPORAL_ADDRESS: /) as string,
    });
    expect(await refusalOf(() => readApiProcessSettings(env))).toMatchObject({ code: 'SETTING_REQUIRED' });
    expect(
      await refusalOf(() => readApiProcessSettings({ ...env, TEMPORAL_ADDRESS: '127.0.0.1:7233' })),
    ).toMatchObject({
      code: 'SETTING_REQUIRED',
      message: expect.stringMatching(/^AUTH_PUBLIC_KEY_FILE: /) as string,
    });
  });

  it.each([
    ['WORKER_MAX_CACHED_WORKFLOWS', '1'],
    ['METRICS_PORT', 'x'],
    ['AUDIT_WORKER_CONCURRENCY', '0'],
  ])('start:worker refuses %s=%s, naming it', async (name, value) => {
    const refusal = await refusalOf(() =>
      readWorkerProcessSettings({ ...env, TEMPORAL_ADDRESS: '127.0.0.1:7233', [name]: value }),
    );
    expect(refusal?.message).toContain(`${name}="${value}"`);
  });

  it('the checkpointer refuses a missing signing key and a bad interval before it opens the store', async () => {
    expect(await refusalOf(() => readCheckpointerSettings(env))).toMatchObject({ code: 'AUDIT_KEY_MISSING' });
    expect(
      await refusalOf(() => readCheckpointerSettings({ ...env, AUDIT_CHECKPOINT_EVERY: 'bogus' })),
    ).toMatchObject({ code: 'AUDIT_CONFIG_INVALID' });
  });
});
