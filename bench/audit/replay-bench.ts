/**
 * "Replay 1,000 workflow histories" (`npm run bench:audit`, or alone with `-- --replay-only`): real town
 * histories made in this run on a dev server of its own (replay-towns.ts), then, on the same server in
 * the same run:
 *
 * - **ours**: `replayWorkflowHistories` over the task queue — visibility list, every history fetched
 *   (FETCH_AHEAD at a time) and replayed against the product bundle, streamed;
 * - **raw**: the same list and the same fetches, the same number at a time, and nothing else;
 * - **replay only**: the same histories already in memory, through `Worker.runReplayHistories`: what the
 *   replay itself costs, without the server (one round).
 *
 * Ours' warm-up round also samples the live heap, to show that streaming keeps it flat.
 * The bundle is built once beforehand (its time is printed apart): the CLI and the API's job build it
 * once per replay as well.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { countingBar } from '../../apps/progress-bar';
import { createTownsWorker } from '../../apps/worker/create-worker';
import { workflowBundleOptions } from '../../infra/temporal/workflow-bundle-options';
import { formatLocalDate, localDateOf } from '../../domain/calendar/shanghai-calendar';
import { pingxiang2017 } from '../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../domain/policy/rehearsal-calendar';
import {
  bundlerLogger,
  replayWorkflowHistories,
  type ReplayProgress,
} from '../../audit/replay/temporal-replay';
import { FETCH_AHEAD, mapAhead } from '../../audit/replay/temporal-replay-runs';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { startDevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../../infra/temporal/port-utils';
import { measurePair, type Rate } from '../measure';
import { replayThroughCli, type CliReplay } from './replay-cli';
import { runTowns } from './replay-towns';
import { reportFigures } from '../figures';

/** Ours and raw: one warm-up each, then this many alternating rounds; the median. */
const ROUNDS = 3;
const NAMESPACE = 'bench-replay';
const TASK_QUEUE = 'bench-replay';

// The live heap is read after a full collection; ts-node scripts get no `gc` otherwise.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

type History = temporal.api.history.v1.IHistory;

/**
 * `throughCli`: after the histories are made, replay them once with the auditors' CLI in a process of
 * its own (replay-cli.ts) instead of the in-process rounds: the figure for thousands of histories.
 */
export async function benchReplay(histories: number, { throughCli = false } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-replay-bench-'));
  const server = await startDevServer({
    dataDir: join(dir, 'temporal'),
    namespace: NAMESPACE,
    port: await freePort(),
    headless: true,
  });
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: NAMESPACE });
  try {
    const bundling = Date.now();
    const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: bundlerLogger });
    const bundleSeconds = (Date.now() - bundling) / 1000;
    const codePath = join(dir, 'workflow-bundle.js');
    writeFileSync(codePath, code);
    const workflowBundle = { codePath };

    const madeSeconds = await makeHistories(server.address, workflowBundle, client, histories);
    const query = `TaskQueue = '${TASK_QUEUE}'`;
    await untilListed(client, query, histories);

    let events = 0;
    let bytes = 0;
    const raw = async (): Promise<void> => {
      const read = await fetchAll(client, query);
      if (read.histories !== histories)
        throw new Error(`raw read ${read.histories} of ${histories} histories`);
      events = read.events;
      bytes = read.bytes;
    };
    const replay = async (onProgress?: (progress: ReplayProgress) => void): Promise<void> => {
      const report = await replayWorkflowHistories({
        client,
        workflowBundle,
        query,
        ...(onProgress === undefined ? {} : { onProgress }),
      });
      if (!report.ok || report.summary.runs !== histories || report.summary.events !== events)
        throw new Error(
          `replay: ${JSON.stringify(report.summary)}, expected ${histories} runs, ${events} events`,
        );
    };
    await raw();
    const made =
      `${histories.toLocaleString('en-US')} town histories (${events.toLocaleString('en-US')} events, ` +
      `${(bytes / 1e6).toFixed(1)} MB as protobuf) made in ${madeSeconds.toFixed(0)} s on a dev server`;
    if (throughCli) return cliLines(made, await replayThroughCli(server.address, NAMESPACE, query), events);
    // The warm-up round (untimed) also samples the live heap: collecting garbage to see it takes time.
    let streamedHeap: number | undefined;
    const ours = async (): Promise<void> => {
      if (streamedHeap !== undefined) return replay();
      streamedHeap = await heapGrowthWhile((sample) =>
        replay(({ done, total }) => {
          if (done % 50 === 0 || done === total) sample();
        }),
      );
    };
    process.stderr.write('  replay: timing ours against the raw read…\n');
    const pair = await measurePair(ours, raw, { ops: histories, events }, ROUNDS);
    process.stderr.write('  replay: timing the replay alone, histories in memory…\n');
    const inMemory = await replayInMemory(client, query, workflowBundle);

    return [
      `Replay benchmark: ${made}; bundling the workflow code once: ${bundleSeconds.toFixed(1)} s (not in the times below).`,
      '',
      '| operation | histories/s | history events/s | seconds | ÷ raw read |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('raw read: visibility list + fetch every history', pair.raw, pair.raw, histories),
      row('ours: replayWorkflowHistories (list, fetch, replay; streamed)', pair.ours, pair.raw, histories),
      row('replay only: the same histories from memory (one round)', inMemory.rate, pair.raw, histories),
      '',
      `Live heap (after garbage collection) above the baseline while replaying: streamed (ours) at most ` +
        `${mb(streamedHeap ?? Number.NaN)} MB; the histories alone, all held in memory, ${mb(inMemory.heapGrowth)} MB.`,
    ].join('\n');
  } finally {
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the towns with the product's worker, then stops it: only the server is left to answer. */
async function makeHistories(
  address: string,
  workflowBundle: { codePath: string },
  client: Client,
  count: number,
): Promise<number> {
  const store = await createEventStore({ kind: 'pglite' });
  const worker = await createTownsWorker({
    address,
    namespace: NAMESPACE,
    taskQueue: TASK_QUEUE,
    store,
    workflowBundle,
  });
  const running = worker.run();
  const started = Date.now();
  const bar = countingBar('  replay', 'towns');
  try {
    const policy = rehearsalOf(pingxiang2017, formatLocalDate(localDateOf(new Date().toISOString())));
    await runTowns(client, policy, TASK_QUEUE, count, (done) => bar.update({ done, total: count }));
    return (Date.now() - started) / 1000;
  } finally {
    bar.done();
    await worker.shutdown();
    await running;
    await store.close();
  }
}

async function fetchAll(client: Client, query: string) {
  const listed = async function* () {
    for await (const execution of client.workflow.list({ query })) yield execution;
  };
  let histories = 0;
  let events = 0;
  let bytes = 0;
  const fetched = mapAhead(
    listed(),
    (execution) => client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory(),
    FETCH_AHEAD,
  );
  for await (const history of fetched) {
    histories += 1;
    events += history.events?.length ?? 0;
    bytes += temporal.api.history.v1.History.encode(history).finish().length;
  }
  return { histories, events, bytes };
}

/** One timed replay of the histories, fetched beforehand. */
async function replayInMemory(
  client: Client,
  query: string,
  workflowBundle: { codePath: string },
): Promise<{ rate: Rate; heapGrowth: number }> {
  const all: { workflowId: string; history: History }[] = [];
  const heapGrowth = await heapGrowthWhile(async (sample) => {
    for await (const execution of client.workflow.list({ query })) {
      const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      all.push({ workflowId: execution.workflowId, history });
    }
    sample();
  });
  const events = all.reduce((sum, { history }) => sum + (history.events?.length ?? 0), 0);
  // One round: the replay code is warm from ours, and a round of 1,000 takes a minute or more here.
  const started = process.hrtime.bigint();
  for await (const result of Worker.runReplayHistories({ workflowBundle }, all)) {
    if (result.error) throw result.error;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: { opsPerSecond: all.length / seconds, eventsPerSecond: events / seconds }, heapGrowth };
}

/** The most live heap `work` held above what was live before it, sampled when it calls `sample`. */
async function heapGrowthWhile(work: (sample: () => void) => Promise<void>): Promise<number> {
  collectGarbage();
  const baseline = process.memoryUsage().heapUsed;
  let most = 0;
  await work(() => {
    collectGarbage();
    most = Math.max(most, process.memoryUsage().heapUsed - baseline);
  });
  return most;
}

/** Visibility follows the runs shortly after: wait until it lists every one. */
async function untilListed(client: Client, query: string, count: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const listed = (await client.workflow.count(query)).count;
    if (listed >= count) return;
    if (Date.now() > deadline) throw new Error(`visibility lists ${listed} of ${count} runs`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function row(label: string, rate: Rate, raw: Rate, histories: number): string {
  const format = (value: number) =>
    value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
  return (
    `| ${label} | ${format(rate.opsPerSecond)} | ${format(rate.eventsPerSecond)} | ` +
    `${(histories / rate.opsPerSecond).toFixed(1)} | ${(rate.opsPerSecond / raw.opsPerSecond).toFixed(2)} |`
  );
}

function mb(value: number): string {
  return (Math.max(value, 0) / 1e6).toFixed(0);
}

function cliLines(made: string, replay: CliReplay, events: number): string {
  if (replay.events !== events) throw new Error(`the CLI replayed ${replay.events} events of ${events}`);
  reportFigures({
    histories: replay.runs,
    replaySeconds: replay.seconds,
    replayCpuSeconds: replay.cpuSeconds,
    replayPeakMiB: replay.peakResidentMiB,
  });
  return [
    `Replay through \`npm run audit -- replay --query …\`: ${made}.`,
    '',
    '| runs | history events | seconds | runs/s | CLI CPU seconds | CPU ÷ wall | peak resident MiB |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${replay.runs.toLocaleString('en-US')} | ${replay.events.toLocaleString('en-US')} | ` +
      `${replay.seconds.toFixed(0)} | ${(replay.runs / replay.seconds).toFixed(1)} | ` +
      `${replay.cpuSeconds.toFixed(0)} | ${(replay.cpuSeconds / replay.seconds).toFixed(2)} | ` +
      `${replay.peakResidentMiB.toFixed(0)} |`,
  ].join('\n');
}
