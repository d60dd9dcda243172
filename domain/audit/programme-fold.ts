/**
 * Folds the log into every aggregate's state with the domain's own evolve functions, exactly as the
 * workflows do, so that "the state as of an instant" is what the system itself would have had. Pure:
 * the caller chooses which events to feed (audit/state-at/state-at.ts reads and filters them).
 *
 * Streams are told apart by the registry of aggregates (domain/aggregates.ts). Events of other streams
 * are only counted.
 */
import { aggregateOfStream, aggregates } from '../aggregates';
import type { BatchState } from '../batch';
import type { ProgrammeState } from '../programme';
import type { Decider } from '../shared/decider';
import type { DomainEvent } from '../shared/decision';
import type { RecordedEvent } from '../shared/event-envelope';
import type { TownState } from '../town';
import { AuditError } from './audit.errors';

export interface ProgrammeFold {
  readonly towns: Map<string, TownState>;
  readonly programmes: Map<string, ProgrammeState>;
  readonly batches: Map<string, BatchState>;
  /** Events of streams of no known kind, by the stream name's first word. */
  readonly otherStreams: Map<string, number>;
  eventsFolded: number;
  lastFoldedPosition: bigint | null;
}

export function emptyProgrammeFold(): ProgrammeFold {
  return {
    towns: new Map(),
    programmes: new Map(),
    batches: new Map(),
    otherStreams: new Map(),
    eventsFolded: 0,
    lastFoldedPosition: null,
  };
}

export function foldIntoProgramme(fold: ProgrammeFold, event: RecordedEvent): void {
  const { kind, key } = aggregateOfStream(event.stream);
  switch (kind) {
    case 'town':
      fold.towns.set(key, evolveSafely(fold.towns.get(key), event, aggregates.town));
      break;
    case 'programme':
      fold.programmes.set(key, evolveSafely(fold.programmes.get(key), event, aggregates.programme));
      break;
    case 'batch':
      fold.batches.set(key, evolveSafely(fold.batches.get(key), event, aggregates.batch));
      break;
    case 'other':
      fold.otherStreams.set(key, (fold.otherStreams.get(key) ?? 0) + 1);
      break;
  }
  fold.eventsFolded += 1;
  fold.lastFoldedPosition = event.globalPosition;
}

export function foldTownEvents(events: readonly RecordedEvent[]): TownState {
  return events.reduce<TownState>(
    (state, event) => evolveSafely(state, event, aggregates.town),
    aggregates.town.initialState,
  );
}

/*
 * The store gives events as `{ type, data: unknown }`; the domain's evolve functions take their own
 * unions. The evolve functions are total (an unknown type leaves the state as it is), so the one thing
 * taken on trust is that a stored event's data has the shape its type had when it was decided, which the
 * content hashes vouch for.
 */
function evolveSafely<State, Event extends DomainEvent<string, unknown>>(
  state: State | undefined,
  event: RecordedEvent,
  aggregate: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
): State {
  try {
    return aggregate.evolve(state ?? aggregate.initialState, { type: event.type, data: event.data } as Event);
  } catch (error) {
    throw new AuditError(
      'STATE_FOLD_FAILED',
      `Cannot fold ${event.stream} version ${event.streamVersion} (${event.type}, position ${event.globalPosition}): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}
