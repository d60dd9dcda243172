/**
 * The aggregates, and the one way to tell which of them a stream holds: by its name, as each
 * aggregate's `streamOf` makes it (docs/decisions/0120).
 */
import { batchDecider } from './batch/batch.decider';
import { programmeDecider } from './programme/programme.decider';
import type { Decider } from './shared/decider';
import type { DomainEvent } from './shared/decision';
import type { RecordedCommand } from './shared/event-envelope';
import { townDecider } from './town/town.decider';

export const aggregates = { town: townDecider, batch: batchDecider, programme: programmeDecider } as const;

export type AggregateKind = keyof typeof aggregates;

const kinds = Object.keys(aggregates) as AggregateKind[];

/**
 * A stream's aggregate and key. Streams of no aggregate (the log's own, `policy-…`, `audit-…`) are
 * `other`, keyed by their name's first word, which is how the auditors count them.
 */
export type StreamOwner =
  { readonly kind: AggregateKind; readonly key: string } | { readonly kind: 'other'; readonly key: string };

export function aggregateOfStream(stream: string): StreamOwner {
  for (const kind of kinds) {
    const key = aggregates[kind].recognises(stream);
    if (key !== undefined) return { kind, key };
  }
  const dash = stream.indexOf('-');
  return { kind: 'other', key: dash > 0 ? stream.slice(0, dash) : stream };
}

/**
 * An aggregate's decider fed from the log, whose commands and events are plain JSON. The one thing
 * taken on trust is that each has the shape its type had when it was decided, which the content hashes
 * vouch for.
 */
export type RecordedDecider = Decider<unknown, RecordedCommand, DomainEvent<string, unknown>>;

export function recordedDecider(kind: AggregateKind): RecordedDecider {
  return asRecorded<unknown, unknown, DomainEvent<string, unknown>>(
    aggregates[kind] as unknown as Decider<unknown, unknown, DomainEvent<string, unknown>>,
  );
}

function asRecorded<S, C, E extends DomainEvent<string, unknown>>(
  decider: Decider<S, C, E>,
): RecordedDecider {
  return {
    initialState: decider.initialState,
    decide: (command, state, ctx) => decider.decide(command as C, state as S, ctx),
    evolve: (state, event) => decider.evolve(state as S, { type: event.type, data: event.data } as E),
    streamOf: decider.streamOf,
    recognises: decider.recognises,
  };
}
