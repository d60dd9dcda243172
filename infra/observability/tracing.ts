/**
 * OpenTelemetry traces for one process (docs/decisions/0095-traces-across-a-step.md). Off unless
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set: then no provider is registered, no interceptor is added and no
 * span is started, so tracing costs nothing. On, the process's provider exports over OTLP
 * (HTTP/protobuf) to the endpoint; the exporter reads the other `OTEL_EXPORTER_OTLP_*` settings
 * (headers, timeout, compression) itself.
 */
import { context, propagation, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from './tracing-config';

/** The process's tracing, once started: what Temporal's workflow span sink exports through. */
export interface Tracing {
  readonly serviceName: string;
  readonly resource: Resource;
  readonly spanProcessor: SpanProcessor;
  /** Flushes what is buffered and unregisters the provider. */
  shutdown(): Promise<void>;
}

/** The name our own spans are made under. */
export const tracerName = 'characteristic-towns';

let current: Tracing | undefined;

/** A span whose work threw: the error recorded on it, its status an error. */
export function markFailed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** The tracing this process started, if any: the one switch every traced path asks. */
export function currentTracing(): Tracing | undefined {
  return current;
}

/**
 * Starts tracing when the settings name an OTLP endpoint (tracing-config.ts, read with the rest of a
 * process's settings before anything starts); undefined (and nothing registered) otherwise.
 */
export function startTracingWith(
  config: TracingConfig | undefined,
  defaultServiceName: string,
): Tracing | undefined {
  if (!config) return undefined;
  return startTracing({
    serviceName: config.serviceName ?? defaultServiceName,
    spanProcessor: new BatchSpanProcessor(new OTLPTraceExporter({ url: config.url })),
  });
}

/** Registers a provider for the whole process; tests pass a processor over an in-memory exporter. */
export function startTracing(options: { serviceName: string; spanProcessor: SpanProcessor }): Tracing {
  if (current) throw new Error(`Tracing is already started for ${current.serviceName}`);
  const resource = new Resource({ 'service.name': options.serviceName });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [options.spanProcessor] });
  // The W3C trace-context propagator and the async-hooks context manager, process-wide.
  provider.register();
  const started: Tracing = {
    serviceName: options.serviceName,
    resource,
    spanProcessor: options.spanProcessor,
    shutdown: async () => {
      if (current !== started) return;
      current = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  current = started;
  return started;
}
