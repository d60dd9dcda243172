/**
 * History bytes per town (`npm run bench:history-size [-- --towns 10]`): N towns through the whole
 * lifecycle on the product's workflows (the lifecycle benchmark's officials), then every run of each
 * town's workflow read back and encoded as Temporal stores it (protobuf), with the part its start input
 * takes; the batch's and the programme's histories are given once, not per town. A four-year life runs on
 * the time-skipping server; the bytes a history holds do not depend on the server that wrote it.
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { batchDecider } from '../domain/batch';
import { programmeDecider } from '../domain/programme';
import { townDecider } from '../domain/town';
import { rehearsalFor } from '../apps/simulate/run-simulation';
import { inFreshWorld } from '../apps/simulate/time-skipping-world';
import { benchPack } from './lifecycle/bench-pack';
import { historyEvents } from './lifecycle/history-counts';
import { runRealLifecycle } from './lifecycle/real-lifecycle';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

interface HistoryBytes {
  readonly runs: number;
  readonly events: number;
  readonly bytes: number;
  /** The start events' input payloads, over every run. */
  readonly startInputBytes: number;
  /** Bytes by event type (`ActivityTaskScheduled`, …). */
  readonly byType: Readonly<Record<string, number>>;
}

const encodedBytes = (events: HistoryEvent[]): number =>
  temporal.api.history.v1.History.encode({ events }).finish().length;

/** Every run of the workflow, newest back to the first (continue-as-new chains them). */
async function historyBytes(client: Client, workflowId: string): Promise<HistoryBytes> {
  let total: HistoryBytes = { runs: 0, events: 0, bytes: 0, startInputBytes: 0, byType: {} };
  let runId: string | undefined;
  for (;;) {
    const events = await historyEvents(client, workflowId, runId);
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const input = started?.input?.payloads ?? [];
    const byType = { ...total.byType };
    for (const event of events) {
      const name = temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'EVENT_TYPE_UNKNOWN';
      const type = name.replace('EVENT_TYPE_', '');
      byType[type] = (byType[type] ?? 0) + encodedBytes([event]);
    }
    total = {
      byType,
      runs: total.runs + 1,
      events: total.events + events.length,
      bytes: total.bytes + encodedBytes(events),
      startInputBytes:
        total.startInputBytes +
        input.reduce(
          (sum, payload) => sum + temporal.api.common.v1.Payload.encode(payload).finish().length,
          0,
        ),
    };
    const previous = started?.continuedExecutionRunId;
    if (!previous) return total;
    runId = previous;
  }
}

function parseTowns(argv: readonly string[]): number {
  const [flag, value] = argv;
  if (flag === undefined) return 10;
  const towns = Number(value);
  if (flag !== '--towns' || !Number.isInteger(towns) || towns < 1) {
    throw new Error('usage: bench:history-size [--towns 10]');
  }
  return towns;
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(1);

async function main(): Promise<void> {
  const towns = parseTowns(process.argv.slice(2));
  Runtime.install({
    logger: new DefaultLogger('WARN', ({ level, message }) => process.stderr.write(`${level} ${message}\n`)),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
  });
  const rows = await inFreshWorld({}, async (world) => {
    const policy = await rehearsalFor(world, benchPack(towns));
    const programmeId = `history-size-${towns}`;
    const run = await runRealLifecycle(world, policy, { towns, programmeId, concurrency: 8 });
    const perTown = await Promise.all(
      run.townIds.map((id) => historyBytes(world.client, townDecider.streamOf(id))),
    );
    const batch = await historyBytes(world.client, batchDecider.streamOf(programmeId, '2017', 'unambiguous'));
    const programme = await historyBytes(world.client, programmeDecider.streamOf(programmeId));
    const packBytes = Buffer.byteLength(JSON.stringify(policy), 'utf8');
    return { perTown, batch, programme, packBytes };
  });
  const byType = new Map<string, number>();
  for (const town of rows.perTown) {
    for (const [type, bytes] of Object.entries(town.byType))
      byType.set(type, (byType.get(type) ?? 0) + bytes);
  }
  const largest = [...byType.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const sum = (pick: (h: HistoryBytes) => number) => rows.perTown.reduce((total, h) => total + pick(h), 0);
  const n = rows.perTown.length;
  const model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  process.stdout.write(
    `${new Date().toUTCString()}; ${model}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
      `Node.js ${process.version}; ${towns} towns; the policy pack as JSON: ${kib(rows.packBytes)} KiB\n\n` +
      '| workflow | runs | events | history KiB | of which start inputs KiB |\n| --- | ---: | ---: | ---: | ---: |\n' +
      `| a town (mean of ${n}) | ${(sum((h) => h.runs) / n).toFixed(1)} | ${(sum((h) => h.events) / n).toFixed(0)} | ` +
      `${kib(sum((h) => h.bytes) / n)} | ${kib(sum((h) => h.startInputBytes) / n)} |\n` +
      `| the batch | ${rows.batch.runs} | ${rows.batch.events} | ${kib(rows.batch.bytes)} | ${kib(rows.batch.startInputBytes)} |\n` +
      `| the programme | ${rows.programme.runs} | ${rows.programme.events} | ${kib(rows.programme.bytes)} | ` +
      `${kib(rows.programme.startInputBytes)} |\n\n` +
      "| a town's events, by type | KiB (mean) |\n| --- | ---: |\n" +
      largest.map(([type, bytes]) => `| ${type} | ${kib(bytes / n)} |`).join('\n') +
      '\n',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
