import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import {
  callApi,
  isRunning,
  npmStartPlace,
  spawnNpmStart,
  startNpmStart,
  tokenFromDataDir,
  type NpmStartPlace,
  type NpmStartProcess,
} from '../helpers/npm-start-process';
import { programmeDecider } from '../../domain/programme';
import { freePort } from '../../infra/temporal/port-utils';

/**
 * `npm start` as an operator lives with it, in processes of its own with their own dev server: stopped
 * and started again on another day, with its Temporal dev server killed under it, and killed itself.
 */
const application = (name: string) => ({
  name,
  county: '芦溪县',
  kind: 'administrative-town',
  industry: 'leisure-tourism',
  batchId: '2017',
});

/** Polls readiness (bounded) until it answers `status`; every answer seen on the way is returned. */
async function readinessUntil(
  system: NpmStartProcess,
  status: number,
  timeoutMs = 120_000,
): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await callApi(system, 'GET', '/health/ready');
    seen.push(answer.status);
    if (answer.status === status) return seen;
    if (Date.now() > deadline) throw new Error(`readiness never answered ${status}: ${seen.join(', ')}`);
    // Within the public rate limit of health (120 a minute).
    await delay(500);
  }
}

async function programmeWorkflows(address: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: 'towns' });
    const ids: string[] = [];
    for await (const run of client.workflow.list({ query: `WorkflowType = 'programmeWorkflow'` }))
      ids.push(run.workflowId);
    return ids;
  } finally {
    await connection.close();
  }
}

describe('npm start', () => {
  let place: NpmStartPlace;

  /** Once ready: its dev server's pid, a Luxi official's token, and that official's application, recorded. */
  async function readyWithOneTown(running: NpmStartProcess) {
    const [, devServerPid] = await running.waitForOutput(/Temporal dev server running at \S+ \(pid (\d+)\)/);
    await readinessUntil(running, 200);
    const official = await tokenFromDataDir(place, ['--role', 'county-official', '--county', '芦溪县']);
    const before = await callApi(running, 'POST', '/towns', official, application('麻山汽车风情小镇'));
    expect(before.status).toBe(201);
    return { devServerPid, official, before };
  }

  let system: NpmStartProcess | undefined;
  beforeEach(async () => {
    place = await npmStartPlace(mkdtempSync(join(tmpdir(), 'towns-npm-start-')));
  });
  afterEach(async () => {
    await system?.stop();
    system = undefined;
  });

  it('runs the same programme when started again on another day', async () => {
    const temporalMetrics = `127.0.0.1:${await freePort()}`;
    system = await startNpmStart(place, { env: { TEMPORAL_METRICS_ADDRESS: temporalMetrics } });
    const [, firstProgramme] = await system.waitForOutput(/programme id (\S+),/);
    await readinessUntil(system, 200);
    // Long enough to be valid for the process that believes it is tomorrow.
    const official = await tokenFromDataDir(place, [
      '--role',
      'county-official',
      '--county',
      '芦溪县',
      '--ttl',
      '3d',
    ]);
    expect((await callApi(system, 'POST', '/towns', official, application('麻山汽车风情小镇'))).status).toBe(
      201,
    );
    // One process, two scrapes: the API's own (the worker's appends counted in it) and the SDK's.
    const own = await (await fetch(`${system.apiUrl.replace(/\/api$/, '')}/metrics`)).text();
    expect(own).toMatch(/^towns_event_store_append_duration_seconds_count\{outcome="appended"\} [1-9]/m);
    expect(own).toMatch(
      /^towns_command_outcomes_total\{route="\/api\/towns",outcome="recorded",code=""\} 1$/m,
    );
    const sdk = await (await fetch(`http://${temporalMetrics}/metrics`)).text();
    expect(sdk).toMatch(/^temporal_\w+/m);
    expect(await system.stop()).toBe(0);

    system = await startNpmStart(place, { clockShiftDays: 1 });
    const [, secondProgramme] = await system.waitForOutput(/programme id (\S+),/);
    expect(secondProgramme).toBe(firstProgramme);
    expect(system.output()).toMatch(/kept in \S+programme\.json since/);
    await readinessUntil(system, 200);
    expect(await programmeWorkflows(system.temporalAddress)).toEqual([
      programmeDecider.streamOf(firstProgramme ?? ''),
    ]);
    const batch = await callApi(system, 'GET', '/batches/2017', official);
    expect(batch.status).toBe(200);
    const towns = await callApi(system, 'GET', '/towns?county=luxi', official);
    expect(towns.body.total).toBe(1);
  }, 600_000);

  it('restarts its Temporal dev server when it is killed: 503 meanwhile, then steps are accepted again', async () => {
    system = await startNpmStart(place);
    const { devServerPid: firstPid, official, before } = await readyWithOneTown(system);

    const killedAt = system.output().length;
    process.kill(Number(firstPid), 'SIGKILL');
    await system.waitForOutput(/ended unexpectedly \(killed by SIGKILL\); restarting in/, 30_000, killedAt);
    // Meanwhile (asked together, at once: the server is back a second or two later): a read that needs
    // Temporal is 503 with its code, and readiness is 503 until it is back.
    const [readiness, meanwhile] = await Promise.all([
      callApi(system, 'GET', '/health/ready'),
      callApi(system, 'GET', '/batches/2017', official),
    ]);
    expect(readiness.status).toBe(503);
    expect(meanwhile).toMatchObject({ status: 503, body: { code: 'TEMPORAL_UNAVAILABLE' } });
    await readinessUntil(system, 200);
    const [, secondPid] = await system.waitForOutput(/restarted at \S+ \(pid (\d+)\)/, 30_000, killedAt);
    expect(secondPid).not.toBe(firstPid);

    // The workflows resumed from the server's database: the batch takes the next application.
    const after = await callApi(system, 'POST', '/towns', official, application('芦溪武功山小镇'));
    expect(after.status).toBe(201);
    const town = await callApi(system, 'GET', `/towns/${String(before.body.townId)}`, official);
    expect(town.status).toBe(200);

    // A second start on the same directory, on ports of its own, is refused and takes nothing away: the
    // server is this start's child, not an orphan to stop.
    const elsewhere = {
      port: await freePort(),
      temporalPort: await freePort(),
      temporalUiPort: await freePort(),
    };
    const second = spawnNpmStart({ ...place, ...elsewhere });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`[DATA_DIR_IN_USE] Another start (pid `);
    expect(isRunning(Number(secondPid))).toBe(true);
    expect(system.output()).not.toMatch(new RegExp(`pid ${secondPid ?? ''}\\) ended unexpectedly`));
    expect((await callApi(system, 'GET', '/health/ready')).status).toBe(200);

    expect(await system.stop()).toBe(0);
    system = undefined;
    expect(isRunning(Number(secondPid))).toBe(false);
  }, 600_000);

  it('stops the dev server a killed start left running, and runs again on the same data', async () => {
    system = await startNpmStart(place);
    const { devServerPid: orphanPid, official, before } = await readyWithOneTown(system);

    // Killed outright, npm start cannot stop its child: the server goes on, holding the port and the file.
    await system.stop('SIGKILL');
    expect(isRunning(Number(orphanPid))).toBe(true);

    system = await startNpmStart(place);
    const [, newPid] = await system.waitForOutput(/Temporal dev server running at \S+ \(pid (\d+)\)/);
    expect(system.output()).toContain(
      `Stopped the Temporal dev server an earlier start left running (pid ${orphanPid ?? ''})`,
    );
    expect(isRunning(Number(orphanPid))).toBe(false);
    expect(newPid).not.toBe(orphanPid);
    await readinessUntil(system, 200);
    const town = await callApi(system, 'GET', `/towns/${String(before.body.townId)}`, official);
    expect(town.status).toBe(200);
    const after = await callApi(system, 'POST', '/towns', official, application('芦溪武功山小镇'));
    expect(after.status).toBe(201);
  }, 600_000);
});
