/**
 * Folds the log into every aggregate's state with the domain's own evolve functions, exactly as the
 * workflows do, so that "the state as of an instant" is what the system itself would have had. Pure:
 * the caller chooses which events to feed (state-at.ts reads and filters them).
 *
 * Streams are recognised by their names, as domain/shared/entity-names.ts makes them: `town-<townId>`,
 * `programme-<programmeId>`, `batch-<programmeId>/<batchId>` (`batch-<programmeId>-<batchId>` before
 * decision 0062). Events of other streams are only counted.
 */
import { type BatchEvent, type BatchState, evolveBatch, initialBatchState } from '../../domain/batch';
import {
  evolveProgramme,
  initialProgrammeState,
  type ProgrammeEvent,
  type ProgrammeState,
} from '../../domain/programme';
import type { RecordedEvent } from '../../domain/shared/event-envelope';
import { evolveTown, initialTownState, type TownEvent, type TownState } from '../../domain/town';
import { AuditError } from './audit.errors';

export type StreamKind = 'town' | 'programme' | 'batch' | 'other';

export function streamKindOf(stream: string): { readonly kind: StreamKind; readonly key: string } {
  for (const kind of ['town', 'programme', 'batch'] as const) {
    const prefix = `${kind}-`;
    if (stream.startsWith(prefix) && stream.length > prefix.length) {
      return { kind, key: stream.slice(prefix.length) };
    }
  }
  const dash = stream.indexOf('-');
  return { kind: 'other', key: dash > 0 ? stream.slice(0, dash) : stream };
}

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
  const { kind, key } = streamKindOf(event.stream);
  switch (kind) {
    case 'town':
      fold.towns.set(
        key,
        evolveSafely(fold.towns.get(key) ?? initialTownState, event, asTownEvent, evolveTown),
      );
      break;
    case 'programme':
      fold.programmes.set(
        key,
        evolveSafely(
          fold.programmes.get(key) ?? initialProgrammeState,
          event,
          asProgrammeEvent,
          evolveProgramme,
        ),
      );
      break;
    case 'batch':
      fold.batches.set(
        key,
        evolveSafely(fold.batches.get(key) ?? initialBatchState, event, asBatchEvent, evolveBatch),
      );
      break;
    case 'other':
      fold.otherStreams.set(key, (fold.otherStreams.get(key) ?? 0) + 1);
      break;
  }
  fold.eventsFolded += 1;
  fold.lastFoldedPosition = event.globalPosition;
}

export function foldTownEvents(events: readonly RecordedEvent[]): TownState {
  return events.reduce(
    (state, event) => evolveSafely(state, event, asTownEvent, evolveTown),
    initialTownState,
  );
}

/*
 * The store gives events as `{ type, data: unknown }`; the domain's evolve functions take their own
 * unions. The evolve functions are total (an unknown type leaves the state as it is), so the one thing
 * taken on trust is that a stored event's data has the shape its type had when it was decided, which the
 * content hashes vouch for.
 */
function asTownEvent(event: RecordedEvent): TownEvent {
  return { type: event.type, data: event.data } as TownEvent;
}
function asProgrammeEvent(event: RecordedEvent): ProgrammeEvent {
  return { type: event.type, data: event.data } as ProgrammeEvent;
}
function asBatchEvent(event: RecordedEvent): BatchEvent {
  return { type: event.type, data: event.data } as BatchEvent;
}

function evolveSafely<State, Event>(
  state: State,
  event: RecordedEvent,
  toDomain: (event: RecordedEvent) => Event,
  evolve: (state: State, event: Event) => State,
): State {
  try {
    return evolve(state, toDomain(event));
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
