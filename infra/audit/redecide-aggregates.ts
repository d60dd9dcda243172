/**
 * Each aggregate's own decide and evolve, as its workflow runs them, for the streams the workflows name
 * (`town-…`, `batch-…`, `programme-…`; programme-fold.ts tells them apart). The log gives commands and
 * events as plain JSON; the one thing taken on trust is that each has the shape its type had when it
 * was decided, which the content hashes vouch for.
 */
import { decideBatch, evolveBatch, initialBatchState } from '../../domain/batch';
import { decideProgramme, evolveProgramme, initialProgrammeState } from '../../domain/programme';
import type { DecisionContext, DomainEvent } from '../../domain/shared/decision';
import type { RecordedCommand, RecordedEvent } from '../../domain/shared/event-envelope';
import { decideTown, evolveTown, initialTownState } from '../../domain/town';

export type AggregateKind = 'town' | 'batch' | 'programme';

export interface AggregateRules {
  readonly initialState: unknown;
  decide(command: RecordedCommand, state: unknown, ctx: DecisionContext): DomainEvent<string, unknown>[];
  evolve(state: unknown, event: RecordedEvent): unknown;
}

type Domain<S, C, E> = {
  readonly initialState: S;
  readonly decide: (command: C, state: S, ctx: DecisionContext) => E[];
  readonly evolve: (state: S, event: E) => S;
};

function rules<S, C, E>(domain: Domain<S, C, E>): AggregateRules {
  return {
    initialState: domain.initialState,
    decide: (command, state, ctx) =>
      domain.decide(command as C, state as S, ctx) as DomainEvent<string, unknown>[],
    evolve: (state, event) => domain.evolve(state as S, { type: event.type, data: event.data } as E),
  };
}

export const aggregateRules: Readonly<Record<AggregateKind, AggregateRules>> = {
  town: rules({ initialState: initialTownState, decide: decideTown, evolve: evolveTown }),
  batch: rules({ initialState: initialBatchState, decide: decideBatch, evolve: evolveBatch }),
  programme: rules({ initialState: initialProgrammeState, decide: decideProgramme, evolve: evolveProgramme }),
};
