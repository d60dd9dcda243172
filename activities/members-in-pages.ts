import type { DomainEvent } from '../domain/shared/decision';
import type { EventStore } from '../infra/event-store/event-store.port';
import { foldThroughVersion, pageOf, type MembersPageInput } from './state-through-version';

/**
 * Folds kept at once. A take-over asks for its pages one after the other, so one fold per take-over in
 * progress is what is needed; a few cover take-overs of several entities on one worker at the same time.
 * A fold not kept (pushed out, or the worker restarted) is folded again: slower, never different.
 */
export const FOLDS_KEPT = 4;

/** The lists an aggregate's take-over reads back, each by its name (decisions 0067, 0097). */
export type MembersLists<Lists> = { [K in keyof Lists]: readonly unknown[] };

/**
 * Pages of an aggregate's lists as its stream holds them through a version: what a run continued as new
 * reads its members back from, a page of every list a call (decisions 0067, 0097). The stream is folded
 * once per take-over, not once per page: the lists of a (stream, version) are kept from the first page to
 * the last, which is the one where every list comes back short, as the workflow's `readMembersBack` reads
 * them. Events through a version never change, so what is kept stays true while it is kept.
 */
export function membersInPages<
  State,
  Event extends DomainEvent<string, unknown>,
  Lists extends MembersLists<Lists>,
>(
  store: EventStore,
  aggregate: { readonly initialState: State; readonly evolve: (state: State, event: Event) => State },
  listsOf: (folded: { readonly state: State; readonly eventIds: readonly string[] }) => Lists,
): (input: MembersPageInput) => Promise<Lists> {
  // Oldest first, as a Map keeps its keys in the order they were set.
  const kept = new Map<string, Promise<Lists>>();
  const forget = (key: string, lists: Promise<Lists>) => {
    if (kept.get(key) === lists) kept.delete(key);
  };

  const foldOf = (input: MembersPageInput): { key: string; lists: Promise<Lists> } => {
    const key = JSON.stringify([input.stream, input.throughVersion]);
    const known = kept.get(key);
    if (known) return { key, lists: known };
    const lists = foldThroughVersion(store, aggregate, input.stream, input.throughVersion).then(listsOf);
    kept.set(key, lists);
    for (const oldest of kept.keys()) {
      if (kept.size <= FOLDS_KEPT) break;
      kept.delete(oldest);
    }
    // A fold that failed is not kept: the activity's next attempt folds again.
    lists.catch(() => forget(key, lists));
    return { key, lists };
  };

  return async (input) => {
    const { key, lists } = foldOf(input);
    const whole = await lists;
    const page = Object.fromEntries(
      Object.entries<readonly unknown[]>(whole).map(([name, list]) => [name, pageOf(list, input)]),
    ) as unknown as Lists;
    if (Object.values<readonly unknown[]>(page).every((entries) => entries.length < input.limit))
      forget(key, lists);
    return page;
  };
}
