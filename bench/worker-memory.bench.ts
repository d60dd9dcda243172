/**
 * The worker's memory at scale (`npm run bench:worker-memory`; issue 13: "worker memory after all are
 * started ≤ 1 GiB" with 10,000 towns open): the worker runs in a process of its own, as
 * `npm run start:worker` runs it in a deployment, against a dev server and PostgreSQL (`DATABASE_URL`, a
 * schema of its own, dropped after). `BENCH_OPEN_TOWNS` towns (default 2,000) are applied for and listed
 * through their workflows, a thousand at a time, and the worker's resident memory is read from the
 * kernel after each thousand. The worker keeps `WORKER_MAX_CACHED_WORKFLOWS` workflows in its cache (500
 * unless set), so its memory should level off once that many towns are open.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ensureProgrammeStarted } from '../apps/api/programme/ensure-programme';
import { formatLocalDate, localDateOf } from '../domain/calendar/shanghai-calendar';
import { pingxiang2017 } from '../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../domain/policy/rehearsal-calendar';
import { startDevServer } from '../infra/temporal/dev-server';
import { freePort } from '../infra/temporal/port-utils';
import { listedTowns } from './api/listed-towns';
import { withPostgresSchema } from './postgres-schema';
import { memoryOf, startWorkerProcess, type ProcessMemory } from './worker/worker-process';

const OPEN_TOWNS = Number(process.env.BENCH_OPEN_TOWNS ?? 2_000);
const STEP = 1_000;
const TASK_QUEUE = 'bench-worker-memory';

const mib = (value: number) => `${value.toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'towns-bench-worker-'));
  const server = await startDevServer({
    dataDir: join(dataDir, 'temporal'),
    namespace: 'default',
    port: await freePort(),
    headless: true,
  });
  try {
    await withPostgresSchema('bench_worker', async (store) => {
      if (store.kind !== 'postgres') throw new Error('the worker runs on its own only with PostgreSQL');
      const worker = await startWorkerProcess({
        temporalAddress: server.address,
        namespace: 'default',
        taskQueue: TASK_QUEUE,
        store,
      });
      try {
        await measure(server.address, worker.pid);
      } finally {
        await worker.stop();
      }
    });
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(address: string, pid: number): Promise<void> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  try {
    const policy = rehearsalOf(pingxiang2017, formatLocalDate(localDateOf(new Date().toISOString())));
    await ensureProgrammeStarted(client, { programmeId: policy.id, policy, taskQueue: TASK_QUEUE });
    const idle = memoryOf(pid);
    const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
    const rows: { open: number; memory: ProcessMemory; seconds: number }[] = [];
    const started = Date.now();
    for (let open = 0; open < OPEN_TOWNS;) {
      const count = Math.min(STEP, OPEN_TOWNS - open);
      await listedTowns(client, policy, TASK_QUEUE, count);
      open += count;
      rows.push({ open, memory: memoryOf(pid), seconds: (Date.now() - started) / 1_000 });
      console.error(`  ${open} of ${OPEN_TOWNS} towns open: ${mib(memoryOf(pid).residentMiB)} resident`);
    }
    report(idle, rows, loadBefore);
  } finally {
    await connection.close();
  }
}

function report(
  idle: ProcessMemory,
  rows: readonly { open: number; memory: ProcessMemory; seconds: number }[],
  loadBefore: string,
) {
  const last = rows.at(-1);
  const cache = process.env.WORKER_MAX_CACHED_WORKFLOWS ?? '500 (default)';
  console.log(
    [
      '### The worker in a process of its own',
      '',
      `- date: ${new Date().toString()}`,
      `- nproc: ${cpus().length}; CPU: ${cpus()[0]?.model ?? 'unknown'}; Node ${process.version}`,
      `- load average (/proc/loadavg) before the first town: ${loadBefore}; at the end: ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
      `- store: PostgreSQL; WORKER_MAX_CACHED_WORKFLOWS: ${cache}`,
      `- worker idle (programme started, no town): ${mib(idle.residentMiB)} resident`,
      '',
      '| towns open | worker resident | worker peak resident | seconds since the first town |',
      '| ---: | ---: | ---: | ---: |',
      ...rows.map(
        ({ open, memory, seconds }) =>
          `| ${open} | ${mib(memory.residentMiB)} | ${mib(memory.peakResidentMiB)} | ${seconds.toFixed(0)} |`,
      ),
      '',
      last
        ? `Target (issue 13): ≤ 1,024 MiB with 10,000 towns open — ${last.open} open here, peak ${mib(
            last.memory.peakResidentMiB,
          )}: ${last.memory.peakResidentMiB <= 1024 ? 'met' : 'missed'}${last.open < 10_000 ? ' at this size' : ''}.`
        : '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
