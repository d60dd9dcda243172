import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: an HTTP answer, an append (milliseconds to a few seconds). */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds: an audit job (seconds to hours). */
const jobBuckets = [1, 5, 15, 60, 300, 900, 3_600, 4 * 3_600, 12 * 3_600];

/**
 * What one process tells Prometheus about itself (README, "Observability"): HTTP answers by route and
 * status, command outcomes by refusal code, appends and their conflicts, how far the read models are
 * behind the log, audit jobs' durations, and Node's own figures. Temporal's worker metrics come from the
 * SDK's runtime on an address of their own (`TEMPORAL_METRICS_ADDRESS`).
 */
export class ServiceMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'towns_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly commandOutcomes = new Counter({
    name: 'towns_command_outcomes_total',
    help: 'Commands (POSTs) by route and outcome (recorded, refused, failed, replayed), with the problem code.',
    labelNames: ['route', 'outcome', 'code'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'towns_event_store_append_duration_seconds',
    help: 'Appends to the event store by outcome (appended, already-stored, conflict, failed).',
    labelNames: ['outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly appendConflicts = new Counter({
    name: 'towns_event_store_append_conflicts_total',
    help: 'Appends refused because the stream had moved past the expected version.',
    registers: [this.registry],
  });

  readonly auditJobDuration = new Histogram({
    name: 'towns_audit_job_duration_seconds',
    help: 'Audit jobs by kind and outcome (completed, failed).',
    labelNames: ['kind', 'outcome'] as const,
    buckets: jobBuckets,
    registers: [this.registry],
  });

  private readonly lagSources: (() => Promise<number | undefined>)[] = [];

  constructor() {
    const sources = this.lagSources;
    new Gauge({
      name: 'towns_read_model_lag_positions',
      help: "Positions of the log the read models have not folded yet (the log's last position minus theirs).",
      registers: [this.registry],
      async collect() {
        const lags = await Promise.all(sources.map((source) => source().catch(() => undefined)));
        const known = lags.filter((lag): lag is number => lag !== undefined);
        if (known.length > 0) this.set(Math.max(...known));
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** How far one set of read models is behind the log, read at each scrape. */
  observeReadModelLag(source: () => Promise<number | undefined>): () => void {
    this.lagSources.push(source);
    return () => {
      const index = this.lagSources.indexOf(source);
      if (index >= 0) this.lagSources.splice(index, 1);
    };
  }

  /** The text Prometheus scrapes. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

let processMetrics: ServiceMetrics | undefined;

/** This process's metrics: the API, the worker's activities and `npm start` (both in one) share them. */
export function serviceMetrics(): ServiceMetrics {
  processMetrics ??= new ServiceMetrics();
  return processMetrics;
}
