/**
 * One API's read models starting against a filled log, in a process of its own so its memory is the
 * read models' alone: `fold` folds from position 0 and then takes a snapshot; `restart` resumes from the
 * snapshot and folds what was appended since. Prints one JSON line of figures.
 */
import { performance } from 'node:perf_hooks';
import { Projector } from '../../apps/api/read-models/projector';
import { ProgrammeReadModels } from '../../apps/api/read-models/read-models';
import {
  restoreReadModels,
  snapshotPlaceOf,
  takeSnapshot,
} from '../../apps/api/read-models/snapshot-keeping';
import { createPostgresEventStore } from '../../infra/event-store/postgres/postgres-event-store';

export interface CatchUpFigures {
  readonly mode: 'fold' | 'restart';
  readonly resumedFrom: string | null;
  readonly events: number;
  readonly readyMs: number;
  readonly restoreMs: number;
  readonly rssMiB: number;
  readonly maxRssMiB: number;
  readonly heapMiB: number;
  readonly snapshot?: { readonly ms: number; readonly bytes: number; readonly jsonBytes: number };
}

const MiB = 1024 * 1024;

async function main(): Promise<void> {
  const mode = process.argv[2] === 'restart' ? 'restart' : 'fold';
  const url = process.env.DATABASE_URL ?? '';
  const schema = process.env.BENCH_SCHEMA ?? '';
  const store = createPostgresEventStore({ url, schema });
  const place = snapshotPlaceOf(store);
  if (place === undefined) throw new Error('The PostgreSQL store keeps snapshots');
  const last = (await store.chained.lastPosition()) ?? 0n;

  const started = performance.now();
  let models = new ProgrammeReadModels();
  let from = 0n;
  if (mode === 'restart') {
    const outcome = await restoreReadModels(place);
    if (outcome.kind !== 'resumed') throw new Error(`No snapshot to resume from: ${outcome.kind}`);
    models = outcome.models;
    from = outcome.position;
  }
  const restoreMs = performance.now() - started;
  const projector = new Projector({ store, apply: (event) => models.apply(event) });
  projector.start(from);
  if (!(await projector.waitFor(last, 3_600_000))) throw new Error('The fold did not reach the end');
  const readyMs = performance.now() - started;
  await projector.stop();
  globalThis.gc?.();
  const memory = process.memoryUsage();

  let snapshot: CatchUpFigures['snapshot'];
  if (mode === 'fold') {
    const snapshotStarted = performance.now();
    const taken = await takeSnapshot(place, models, last);
    if (taken === undefined) throw new Error('No snapshot taken');
    snapshot = { ms: performance.now() - snapshotStarted, bytes: taken.bytes, jsonBytes: taken.jsonBytes };
  }
  await store.close();
  const figures: CatchUpFigures = {
    mode,
    resumedFrom: mode === 'restart' ? from.toString() : null,
    events: Number(last - from),
    readyMs,
    restoreMs,
    rssMiB: memory.rss / MiB,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    heapMiB: memory.heapUsed / MiB,
    ...(snapshot ? { snapshot } : {}),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
