import type { DomainEvent } from '../domain/shared/decision';
import type { EventStore } from '../infra/event-store/event-store.port';

/** Events per read of a stream. */
const PAGE_SIZE = 200;

/**
 * An aggregate's state as its own stream holds it through a version, folded with its own `evolve`, and
 * the ids of those events: what a run continued as new reads its members back from (decisions 0067,
 * 0097). Later events are the successor's to apply.
 */
export async function foldThroughVersion<State, Event extends DomainEvent<string, unknown>>(
  store: EventStore,
  aggregate: { readonly initialState: State; readonly evolve: (state: State, event: Event) => State },
  stream: string,
  throughVersion: number,
): Promise<{ state: State; eventIds: string[] }> {
  let state = aggregate.initialState;
  const eventIds: string[] = [];
  for (let fromVersion = 0; fromVersion <= throughVersion; fromVersion += PAGE_SIZE) {
    const maxCount = Math.min(PAGE_SIZE, throughVersion - fromVersion + 1);
    const page = await store.readStream(stream, { fromVersion, maxCount });
    for (const event of page) {
      state = aggregate.evolve(state, { type: event.type, data: event.data } as Event);
      eventIds.push(event.id);
    }
    if (page.length < maxCount) break;
  }
  return { state, eventIds };
}

/** Where a page of each list starts, and how many entries of each it holds at most. */
export interface MembersPageInput {
  readonly stream: string;
  /** The last version the run that handed over had folded. */
  readonly throughVersion: number;
  readonly offset: number;
  readonly limit: number;
}

export const pageOf = <T>(list: readonly T[], { offset, limit }: MembersPageInput): T[] =>
  list.slice(offset, offset + limit);
