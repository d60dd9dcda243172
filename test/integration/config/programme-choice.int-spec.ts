import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { programmeDecider } from '../../../domain/programme';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { createTestWorker } from '../../helpers/dev-server-worker';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../../domain/policy/rehearsal-calendar';
import { loadConfig } from '../../../infra/config/app-config';
import { chooseProgramme } from '../../../infra/config/programme-choice';
import { readProgrammeRecord } from '../../../infra/config/programme-record';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';
import { environmentWithoutDatabase, runTool } from '../../helpers/tool-process';

/**
 * A data directory without a programme record, over a store that already holds programmes (a store from
 * before the record existed, or a second machine on a shared PostgreSQL): the start runs the programme
 * already there instead of beginning another, and when there are several it asks which, and
 * `npm run programme` is how the operator says so.
 */
describe('the programme a store already holds', () => {
  const temporal = testTemporal();
  const taskQueue = uniqueTaskQueue('programme-choice');
  const storeDir = mkdtempSync(join(tmpdir(), 'towns-programme-store-'));
  let store: EventStore;
  let connection: Connection;
  let client: Client;

  const startProgramme = async (opensOn: string): Promise<string> => {
    const policy = rehearsalOf(pingxiang2017, opensOn);
    await ensureProgrammeStarted(client, { programmeId: policy.id, policy, taskQueue, store });
    for (
      let waited = 0;
      (await store.readStream(programmeDecider.streamOf(policy.id))).length === 0;
      waited += 100
    ) {
      if (waited > 30_000) throw new Error(`${policy.id} never started`);
      await delay(100);
    }
    return policy.id;
  };
  const emptyDataDir = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'towns-programme-data-'));
    return { dataDir, config: loadConfig({ DATA_DIR: dataDir }) };
  };

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite', dataDir: storeDir });
    connection = await Connection.connect({ address: temporal.address });
    client = new Client({ connection, namespace: temporal.namespace });
  });
  afterAll(async () => {
    await connection.close();
    await store.close();
  });

  it('runs the one programme the store holds, records it, and asks which when there are several', async () => {
    const worker = await createTestWorker(temporal, taskQueue, store);
    const running = worker.run();
    try {
      const first = await startProgramme('2027-03-01');
      const { config } = emptyDataDir();
      const found = await chooseProgramme({ config, env: {}, store, mayChooseNew: true });
      expect(found.how).toBe('found-in-event-store');
      expect(found.record.programmeId).toBe(first);
      expect(readProgrammeRecord(config.programmeFile)?.programmeId).toBe(first);

      const second = await startProgramme('2028-03-01');
      const elsewhere = emptyDataDir();
      await expect(
        chooseProgramme({ config: elsewhere.config, env: {}, store, mayChooseNew: true }),
      ).rejects.toMatchObject({
        code: 'PROGRAMME_AMBIGUOUS',
        messageEn: expect.stringContaining(`${first}, ${second}`),
      });
      expect(readProgrammeRecord(elsewhere.config.programmeFile)).toBeUndefined();
    } finally {
      await worker.shutdown();
      await running;
    }
  });

  it('is chosen by `npm run programme -- use`, and a new one by `npm run programme -- new`', async () => {
    // The embedded store admits one process: the tool opens it once this test has let go.
    await store.close();
    const { dataDir, config } = emptyDataDir();
    const env = { ...environmentWithoutDatabase(), DATA_DIR: dataDir, EVENT_STORE_DIR: storeDir };
    const used = await runTool('apps/programme/main.ts', ['use', 'pingxiang-2017-rehearsal-2028-03-01'], env);
    expect(used.stderr).toBe('');
    expect(used.code).toBe(0);
    expect(readProgrammeRecord(config.programmeFile)).toMatchObject({
      programmeId: 'pingxiang-2017-rehearsal-2028-03-01',
      chosenBy: 'programme-use',
    });

    const sameAgain = await runTool('apps/programme/main.ts', ['new'], {
      ...env,
      POLICY_REHEARSAL_OPENS_ON: '2028-03-01',
    });
    expect(sameAgain.code).toBe(1);
    expect(sameAgain.stderr).toMatch(/already kept/);

    const chosen = await runTool('apps/programme/main.ts', ['new'], {
      ...env,
      POLICY_REHEARSAL_OPENS_ON: '2029-03-01',
    });
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toMatch(/It replaces pingxiang-2017-rehearsal-2028-03-01/);
    expect(readProgrammeRecord(config.programmeFile)?.programmeId).toBe(
      'pingxiang-2017-rehearsal-2029-03-01',
    );
    expect(
      readProgrammeRecord(join(dataDir, 'programme.pingxiang-2017-rehearsal-2028-03-01.json')),
    ).toBeDefined();

    const shown = await runTool('apps/programme/main.ts', ['show'], env);
    expect(shown.stdout).toMatch(/^Programme pingxiang-2017-rehearsal-2029-03-01:/);

    // A command line it cannot run changes nothing: exit 2, the code and the problem, then the usage.
    for (const [args, code] of [
      [['frobnicate'], 'COMMAND_UNKNOWN'],
      [['use'], 'ARGUMENT_REQUIRED'],
      [['new', 'now'], 'ARGUMENT_UNEXPECTED'],
      [['--force'], 'OPTION_UNKNOWN'],
    ] as const) {
      const refused = await runTool('apps/programme/main.ts', [...args], env);
      expect({ args, code: refused.code }).toEqual({ args, code: 2 });
      expect(refused.stderr).toMatch(new RegExp(`^\\[${code}\\] [^\\n]+\\n\\nUsage: npm run programme`));
    }
    expect(readProgrammeRecord(config.programmeFile)?.programmeId).toBe(
      'pingxiang-2017-rehearsal-2029-03-01',
    );
    store = await createEventStore({ kind: 'pglite', dataDir: storeDir });
  });
});
