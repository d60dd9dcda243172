import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { traceparentOf } from '../../../infra/event-store/event-trace';
import { currentTracing, markFailed, tracerName } from '../../../infra/observability/tracing';

/**
 * While tracing is on, folds each event written by a traced append in a span of the append's trace,
 * taken from the traceparent the append left in the event's metadata: the step's trace ends where its
 * facts reach the read models, even when another process folds them (decision 0095). Off, the fold is
 * returned as it is.
 */
export function foldInSpans(fold: (event: RecordedEvent) => void): (event: RecordedEvent) => void {
  if (!currentTracing()) return fold;
  const tracer = trace.getTracer(tracerName);
  return (event) => {
    const traceparent = traceparentOf(event.metadata);
    if (traceparent === undefined) {
      fold(event);
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent });
    const span = tracer.startSpan(
      'read-model fold',
      {
        attributes: {
          'towns.event_type': event.type,
          'towns.stream': event.stream,
          'towns.global_position': event.globalPosition.toString(),
        },
      },
      parent,
    );
    try {
      context.with(trace.setSpan(parent, span), () => fold(event));
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  };
}
