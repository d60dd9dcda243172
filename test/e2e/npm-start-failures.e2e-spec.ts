import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isRunning,
  npmStartPlace,
  spawnNpmStart,
  startEnvironment,
  type NpmStartPlace,
} from '../helpers/npm-start-process';
import { runTool, type ToolRun } from '../helpers/tool-process';
import { isListening } from '../../infra/temporal/port-utils';
import { refusedStartSettings } from '../fixtures/refused-settings';

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolveListen(server));
  });
}

/** A refusal as the settings promise it: exit 2, `[CODE] NAME=…` first, no stack, nothing printed on stdout. */
function expectRefused(run: ToolRun, code: string, name: string): void {
  expect({ exit: run.code, stdout: run.stdout }).toEqual({ exit: 2, stdout: '' });
  expect(run.stderr).toMatch(new RegExp(`^\\[${code}\\] (Invalid configuration: )?${name}=`));
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** Nothing was started: no dev server on its ports. */
async function expectNothingListening(place: NpmStartPlace): Promise<void> {
  expect(await isListening('127.0.0.1', place.temporalPort)).toBe(false);
  expect(await isListening('127.0.0.1', place.temporalUiPort)).toBe(false);
}

/**
 * A long-running process reads its whole configuration before it starts anything: a bad setting is
 * refused as a bad option is, naming the variable, with no dev server started and nothing written.
 */
describe('a setting refused before anything starts', () => {
  const root = mkdtempSync(join(tmpdir(), 'towns-settings-refused-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let place: NpmStartPlace;
  beforeEach(async () => {
    place = await npmStartPlace(join(root, `data-${Math.random().toString(36).slice(2)}`));
  });

  it.each(refusedStartSettings)(
    'npm start with %s=%s: exit 2, [%s], nothing started or written',
    async (name, value, code) => {
      const run = await runTool('apps/start.ts', [], startEnvironment(place, { [name]: value }));
      expectRefused(run, code, name);
      await expectNothingListening(place);
      expect(existsSync(place.dataDir)).toBe(false);
    },
  );

  it('start:training with TEMPORAL_ADDRESS: exit 2, [SETTINGS_CONFLICT], nothing written', async () => {
    const environment = startEnvironment(place, { TEMPORAL_ADDRESS: '127.0.0.1:7233' });
    const run = await runTool('apps/start.ts', ['--training'], environment);
    expectRefused(run, 'SETTINGS_CONFLICT', 'TEMPORAL_ADDRESS');
    expect(existsSync(place.dataDir)).toBe(false);
  });

  it('start:training on a data directory not its own: exit 2, [SETTING_INVALID], the directory untouched', async () => {
    mkdirSync(place.dataDir);
    writeFileSync(join(place.dataDir, 'programme.json'), '{}');
    const run = await runTool('apps/start.ts', ['--training'], startEnvironment(place, {}));
    expectRefused(run, 'SETTING_INVALID', 'DATA_DIR');
    await expectNothingListening(place);
    expect(readdirSync(place.dataDir)).toEqual(['programme.json']);
  });

  it.each([
    ['apps/api/main.ts', 'TRUST_PROXY', 'weird', 'SETTING_INVALID'],
    ['apps/worker/main.ts', 'WORKER_MAX_CACHED_WORKFLOWS', '-1', 'SETTING_INVALID'],
    [
      'apps/worker/main.ts',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      'ftp://collector/v1/traces',
      'SETTING_INVALID',
    ],
    ['apps/checkpointer/main.ts', 'AUDIT_CHECKPOINT_EVERY', 'bogus', 'AUDIT_CONFIG_INVALID'],
  ])('%s with %s=%s: exit 2, [%s], nothing written', async (script, name, value, code) => {
    const environment = startEnvironment(place, { TEMPORAL_ADDRESS: '127.0.0.1:7233', [name]: value });
    const run = await runTool(script, [], environment);
    expectRefused(run, code, name);
    expect(existsSync(place.dataDir)).toBe(false);
  });
});

/**
 * `npm start` failing part-way: whatever it had started when it failed is stopped before it exits, the
 * Temporal dev server above all, which would otherwise hold its ports and make the next start fail.
 */
describe('npm start failing after its dev server started', () => {
  const root = mkdtempSync(join(tmpdir(), 'towns-npm-start-failures-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stops the dev server when the API finds its port taken once everything else runs', async () => {
    const place = await npmStartPlace(join(root, 'data'));
    const system = spawnNpmStart(place);
    const [, devServerPid] = await system.waitForOutput(/Temporal dev server running at \S+ \(pid (\d+)\)/);
    // Free when it was checked, before anything started; taken now, before the API binds it, last.
    const squatter = await listen('127.0.0.1', place.port);
    try {
      expect(await system.exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(system.output()).toMatch(
      new RegExp(`^\\[HTTP_PORT_TAKEN\\] Port ${place.port} on 127\\.0\\.0\\.1 is taken`, 'm'),
    );
    expect(system.output()).not.toMatch(/\n\s+at /);
    expect(isRunning(Number(devServerPid))).toBe(false);
    expect(await isListening('127.0.0.1', place.temporalPort)).toBe(false);
    expect(await isListening('127.0.0.1', place.temporalUiPort)).toBe(false);
  }, 600_000);
});
