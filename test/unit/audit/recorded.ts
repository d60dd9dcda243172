import type { NewEvent, RecordedEvent } from '../../../domain/shared/event-envelope';
import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
} from '../../../infra/event-store/event-store.port';

/** Events as a store records them: appended to `stream` in order, positions 1, 2, 3, … across calls. */
export class RecordedLog {
  readonly events: RecordedEvent[] = [];

  append(stream: string, events: readonly NewEvent[], recordedAt?: string): this {
    const version = this.events.filter((event) => event.stream === stream).length;
    events.forEach((event, index) =>
      this.events.push({
        ...event,
        stream,
        streamVersion: version + index,
        globalPosition: BigInt(this.events.length + 1),
        recordedAt: recordedAt ?? event.occurredAt,
      }),
    );
    return this;
  }

  /** The reads state-at.ts uses, over this array. */
  reader(): Pick<EventStore, 'readStream' | 'readAll'> {
    return {
      readStream: (stream: string, _options?: ReadStreamOptions) =>
        Promise.resolve(this.events.filter((event) => event.stream === stream)),
      readAll: (options: ReadAllOptions = {}) => {
        const after = options.after ?? 0n;
        const later = this.events.filter((event) => event.globalPosition > after);
        return Promise.resolve(options.maxCount === undefined ? later : later.slice(0, options.maxCount));
      },
    };
  }
}
