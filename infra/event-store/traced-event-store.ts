import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { markFailed, tracerName } from '../observability/tracing';
import type { EventStore } from './event-store.port';
import { TRACEPARENT_KEY, withTraceparent } from './event-trace';
import { storeWithAppend } from './store-with-append';

/**
 * The store with a span around every append, whichever adapter is under it, and the span's W3C
 * `traceparent` written into each appended event's metadata, so the read models' fold, which runs
 * later from a subscription and maybe in another process, continues the same trace (decision 0095).
 * Only put in place while tracing is on.
 */
export function withAppendSpans(store: EventStore): EventStore {
  const tracer = trace.getTracer(tracerName);
  return storeWithAppend(store, (stream, events, expectedVersion, options) =>
    tracer.startActiveSpan(
      'event-store append',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': store.kind, 'towns.stream': stream, 'towns.events': events.length },
      },
      async (span) => {
        const carrier: Record<string, string> = {};
        propagation.inject(context.active(), carrier);
        const traceparent = carrier[TRACEPARENT_KEY];
        const traced =
          traceparent === undefined
            ? events
            : events.map((event) => ({ ...event, metadata: withTraceparent(event.metadata, traceparent) }));
        try {
          const result = await store.append(stream, traced, expectedVersion, options);
          span.setAttribute('towns.already_stored', result.alreadyStored);
          return result;
        } catch (error) {
          markFailed(span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
}
