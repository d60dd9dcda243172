import { aggregateOfStream, aggregates } from '../../../domain/aggregates';
import type { BatchEvent, BatchState } from '../../../domain/batch';
import type { ProgrammeEvent, ProgrammeState } from '../../../domain/programme';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { foldTownRecord, type TownRecord } from './town-record';

export interface AggregateRecord<S> {
  readonly stream: string;
  readonly state: S;
}

/** Everything the maps hold, as lists: what a snapshot keeps (snapshot-encoding.ts). */
export interface ReadModelsContent {
  readonly towns: readonly TownRecord[];
  readonly batches: readonly AggregateRecord<BatchState>[];
  readonly programmes: readonly AggregateRecord<ProgrammeState>[];
}

/**
 * Everything the query endpoints serve, folded from the log in global order. Plain maps in memory,
 * folded from the start of the log or resumed from a snapshot of them
 * (docs/decisions/0032-read-models-in-memory.md, 0122-read-model-snapshots-in-the-store.md).
 */
export class ProgrammeReadModels {
  private readonly townsById = new Map<string, TownRecord>();
  private readonly townIdByStream = new Map<string, string>();
  private readonly batchesByStream = new Map<string, AggregateRecord<BatchState>>();
  private readonly programmesByStream = new Map<string, AggregateRecord<ProgrammeState>>();

  /** The read models as a snapshot left them; the fold goes on from the snapshot's position. */
  static restore(content: ReadModelsContent): ProgrammeReadModels {
    const models = new ProgrammeReadModels();
    for (const town of content.towns) {
      models.townsById.set(town.townId, town);
      models.townIdByStream.set(town.stream, town.townId);
    }
    for (const batch of content.batches) models.batchesByStream.set(batch.stream, batch);
    for (const programme of content.programmes) models.programmesByStream.set(programme.stream, programme);
    return models;
  }

  /** Towns in the order they were first folded, so a restored copy lists them as the original does. */
  content(): ReadModelsContent {
    return { towns: this.towns(), batches: this.batches(), programmes: this.programmes() };
  }

  apply(event: RecordedEvent): void {
    switch (aggregateOfStream(event.stream).kind) {
      case 'town': {
        const known = this.townIdByStream.get(event.stream);
        const record = foldTownRecord(known === undefined ? undefined : this.townsById.get(known), event);
        this.townIdByStream.set(event.stream, record.townId);
        this.townsById.set(record.townId, record);
        return;
      }
      case 'batch':
        foldInto(this.batchesByStream, aggregates.batch, event.stream, event as unknown as BatchEvent);
        return;
      case 'programme':
        foldInto(
          this.programmesByStream,
          aggregates.programme,
          event.stream,
          event as unknown as ProgrammeEvent,
        );
        return;
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

/** One more event of a stream folded into the record the map keeps for it (the initial state at first). */
function foldInto<S, E>(
  records: Map<string, AggregateRecord<S>>,
  aggregate: { readonly initialState: S; evolve(state: S, event: E): S },
  stream: string,
  event: E,
): void {
  const state = records.get(stream)?.state ?? aggregate.initialState;
  records.set(stream, { stream, state: aggregate.evolve(state, event) });
}
