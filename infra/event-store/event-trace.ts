/**
 * The W3C `traceparent` of the append an event was written by, kept in its metadata so that a reader
 * folding it later, in another process, continues the step's trace (decision 0095). It says how the
 * event was written, not what was decided, so no hash covers it (event-hash.ts), and a retried append
 * that carries another one is still the same event.
 */
import type { EventMetadata } from '../../domain/shared/event-envelope';

export const TRACEPARENT_KEY = 'traceparent';

/** A traceparent as W3C trace context writes it: version, trace id, parent span id, flags. */
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export type TracedMetadata = EventMetadata & { readonly [TRACEPARENT_KEY]?: string };

export function withTraceparent(metadata: EventMetadata, traceparent: string): TracedMetadata {
  return { ...metadata, [TRACEPARENT_KEY]: traceparent };
}

/** The event's traceparent, when it was written by a traced append and the value is well formed. */
export function traceparentOf(metadata: object): string | undefined {
  const value = TRACEPARENT_KEY in metadata ? metadata[TRACEPARENT_KEY] : undefined;
  return typeof value === 'string' && TRACEPARENT.test(value) ? value : undefined;
}

/** The metadata as the content hash covers it: without the traceparent. */
export function hashedMetadata(metadata: EventMetadata): EventMetadata {
  // Checked as unknown: a caller's bad metadata is refused by the append, not here.
  const value: unknown = metadata;
  if (typeof value !== 'object' || value === null || !(TRACEPARENT_KEY in value)) return metadata;
  const { [TRACEPARENT_KEY]: _traceparent, ...rest }: TracedMetadata = metadata;
  return rest;
}
