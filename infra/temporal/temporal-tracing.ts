/**
 * Temporal's own OpenTelemetry interceptors (decision 0095): the client's carry the caller's trace into
 * the workflow's headers, the workflow's (bundled with the workflow code, deterministic, their spans
 * handed out through a sink) continue it into the activities they schedule, and the activities' continue
 * it in the worker. Added only while tracing is on.
 */
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import { currentTracing, type Tracing } from '../observability/tracing';

/** The module the workflow bundle must include for workflows to trace (bundleWorkflowCode's option). */
export function tracingWorkflowInterceptorModules(): string[] {
  return [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];
}

/** A client's interceptors: none while tracing is off. */
export function tracingClientInterceptors(): ClientInterceptors {
  return currentTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : {};
}

/**
 * A worker's interceptors and the workflows' span sink. `bundled`: the workflow code comes pre-bundled,
 * and must have been bundled with tracingWorkflowInterceptorModules() for its workflows to trace.
 */
export function tracingWorkerOptions(
  tracing: Tracing,
  bundled: boolean,
): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: {
      client: tracingClientInterceptors(),
      activity: [
        (ctx) => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
      ],
      ...(bundled ? {} : { workflowModules: tracingWorkflowInterceptorModules() }),
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
