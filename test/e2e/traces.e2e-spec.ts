import { setTimeout as delay } from 'node:timers/promises';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bundleWorkflows } from '../../apps/worker/workflow-bundle';
import { contentHash } from '../../infra/event-store/event-hash';
import { traceparentOf } from '../../infra/event-store/event-trace';
import { startTracing, type Tracing } from '../../infra/observability/tracing';
import { mashanApplication } from '../helpers/http-officials';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { townDecider } from '../../domain/town';

/**
 * One official's step is one trace (decision 0095): the API's server span, Temporal's client, workflow
 * and activity spans, the event-store append, and the read models' fold, linked by their parents.
 */
describe('Traces across a step', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let system: RunningSystem;
  let http: App;

  beforeAll(async () => {
    // Before the system is made, as a process does: its client, worker and API trace only if it is on.
    tracing = startTracing({
      serviceName: 'characteristic-towns-test',
      spanProcessor: new SimpleSpanProcessor(exporter),
    });
    // The bundle a worker of a traced process makes for itself.
    system = await startRunningSystem({
      worker: { workflowBundle: await bundleWorkflows({ traced: true, logger: silent }) },
    });
    http = system.app.getHttpServer();
  });
  afterAll(async () => {
    await system.stop();
    await tracing.shutdown();
  });

  it('links the HTTP request, the workflow, the activity, the append and the fold in one tree', async () => {
    const official = await system.auth.tokenFor({
      userId: 'luxi-official-1',
      seat: 'county-official',
      county: '芦溪县',
    });
    exporter.reset();
    const applied = await request(http)
      .post('/api/towns')
      .auth(official, { type: 'bearer' })
      .send(mashanApplication)
      .expect(201);
    const townId = applied.body.townId as string;

    const spans = await spansUntil(exporter, (all) => {
      const root = all.find((span) => span.name === 'POST /api/towns');
      return (
        root !== undefined && all.some((span) => span.name === 'read-model fold' && sameTrace(span, root))
      );
    });
    const root = only(spans, (span) => span.name === 'POST /api/towns');
    expect(root.kind).toBe(SpanKind.SERVER);
    expect(root.attributes['http.route']).toBe('/api/towns');
    expect(root.attributes['http.response.status_code']).toBe(201);

    // One tree: every span of the trace but the request's has its parent in the trace.
    const trace = spans.filter((span) => sameTrace(span, root));
    const byId = new Map(trace.map((span) => [span.spanContext().spanId, span]));
    expect(trace.filter((span) => span.parentSpanId === undefined)).toEqual([root]);
    for (const span of trace) if (span !== root) expect(byId.get(span.parentSpanId ?? '')).toBeDefined();

    // The town's TownApplied, folded from its stream, and the chain of parents it hangs from.
    const fold = only(
      trace,
      (span) => span.name === 'read-model fold' && span.attributes['towns.event_type'] === 'TownApplied',
    );
    const append = parentOf(fold, byId);
    expect(append.name).toBe('event-store append');
    expect(append.attributes['towns.stream']).toBe(fold.attributes['towns.stream']);
    const runActivity = parentOf(append, byId);
    expect(runActivity.name).toBe('RunActivity:appendToStream');
    const startActivity = parentOf(runActivity, byId);
    expect(startActivity.name).toBe('StartActivity:appendToStream');
    const lineage = ancestorsOf(startActivity, byId).map((span) => span.name);
    expect(lineage[0]).toMatch(/^HandleUpdate:/);
    expect(lineage).toContainEqual(expect.stringMatching(/^(StartWorkflowUpdate|UpdateWithStartWorkflow):/));
    expect(lineage.at(-1)).toBe('POST /api/towns');

    // The append left its trace in the stored event, outside what the hashes cover: the store's own
    // content hash is the one a verifier recomputes without it.
    const [stored] = (await system.store.chained?.readStream(townDecider.streamOf(townId))) ?? [];
    expect(stored && traceparentOf(stored.metadata)).toBe(
      `00-${root.spanContext().traceId}-${append.spanContext().spanId}-01`,
    );
    expect(stored && contentHash(stored)).toBe(stored?.contentHash);
  });
});

const quiet = (): void => undefined;
const silent = { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet };

function sameTrace(span: ReadableSpan, other: ReadableSpan): boolean {
  return span.spanContext().traceId === other.spanContext().traceId;
}

function only(spans: readonly ReadableSpan[], test: (span: ReadableSpan) => boolean): ReadableSpan {
  const found = spans.filter(test);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
}

function parentOf(span: ReadableSpan, byId: ReadonlyMap<string, ReadableSpan>): ReadableSpan {
  const parent = byId.get(span.parentSpanId ?? '');
  if (!parent) throw new Error(`${span.name} has no parent in the trace`);
  return parent;
}

/** The span's ancestors, nearest first. */
function ancestorsOf(span: ReadableSpan, byId: ReadonlyMap<string, ReadableSpan>): ReadableSpan[] {
  const found: ReadableSpan[] = [];
  for (let at = byId.get(span.parentSpanId ?? ''); at; at = byId.get(at.parentSpanId ?? '')) found.push(at);
  return found;
}

/** Spans arrive as they end: the workflow's through its sink, the fold's when the read models reach the event. */
async function spansUntil(
  exporter: InMemorySpanExporter,
  complete: (spans: readonly ReadableSpan[]) => boolean,
  timeoutMs = 20_000,
): Promise<ReadableSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = exporter.getFinishedSpans();
    if (complete(spans) || Date.now() > deadline) return spans;
    await delay(50);
  }
}
