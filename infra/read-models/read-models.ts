import { evolveBatch, initialBatchState, type BatchEvent, type BatchState } from '../../domain/batch';
import {
  evolveProgramme,
  initialProgrammeState,
  type ProgrammeEvent,
  type ProgrammeState,
} from '../../domain/programme';
import type { RecordedEvent } from '../../domain/shared/event-envelope';
import { foldTownRecord, type TownRecord } from './town-record';

export interface AggregateRecord<S> {
  readonly stream: string;
  readonly state: S;
}

type StreamKind = 'town' | 'batch' | 'programme' | 'other';

/**
 * Which aggregate a stream holds, told by its first event rather than by its name, so the read side
 * does not depend on how the workflows name their streams.
 */
const firstEventKinds: Readonly<Record<string, StreamKind>> = {
  TownApplied: 'town',
  BatchOpened: 'batch',
  ProgrammeStarted: 'programme',
};

/**
 * Everything the query endpoints serve, folded from the log in global order. Plain maps in memory:
 * rebuilt from the start of the log on every start (docs/decisions/0032-read-models-in-memory.md).
 */
export class ProgrammeReadModels {
  private readonly kinds = new Map<string, StreamKind>();
  private readonly townsById = new Map<string, TownRecord>();
  private readonly townIdByStream = new Map<string, string>();
  private readonly batchesByStream = new Map<string, AggregateRecord<BatchState>>();
  private readonly programmesByStream = new Map<string, AggregateRecord<ProgrammeState>>();

  apply(event: RecordedEvent): void {
    let kind = this.kinds.get(event.stream);
    if (kind === undefined) {
      kind = firstEventKinds[event.type] ?? 'other';
      this.kinds.set(event.stream, kind);
    }
    switch (kind) {
      case 'town': {
        const known = this.townIdByStream.get(event.stream);
        const record = foldTownRecord(known === undefined ? undefined : this.townsById.get(known), event);
        this.townIdByStream.set(event.stream, record.townId);
        this.townsById.set(record.townId, record);
        return;
      }
      case 'batch': {
        const state = this.batchesByStream.get(event.stream)?.state ?? initialBatchState;
        this.batchesByStream.set(event.stream, {
          stream: event.stream,
          state: evolveBatch(state, event as unknown as BatchEvent),
        });
        return;
      }
      case 'programme': {
        const state = this.programmesByStream.get(event.stream)?.state ?? initialProgrammeState;
        this.programmesByStream.set(event.stream, {
          stream: event.stream,
          state: evolveProgramme(state, event as unknown as ProgrammeEvent),
        });
        return;
      }
      case 'other':
        return;
    }
  }

  town(townId: string): TownRecord | undefined {
    return this.townsById.get(townId);
  }

  towns(): TownRecord[] {
    return [...this.townsById.values()];
  }

  batches(): AggregateRecord<BatchState>[] {
    return [...this.batchesByStream.values()];
  }

  programmes(): AggregateRecord<ProgrammeState>[] {
    return [...this.programmesByStream.values()];
  }
}
