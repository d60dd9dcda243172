/**
 * Given events → when a command → then events, a refusal, or nothing. The decider under test is the
 * real one; `given` folds the history with the real `evolve`, so a specification also checks that the
 * events a decision produces are ones evolve understands.
 */
import type { Decider } from '../../domain/shared/decider';
import type { Actor } from '../../domain/shared/event-envelope';
import type { DecisionContext, DomainEvent } from '../../domain/shared/decision';
import { DomainRefusal } from '../../domain/shared/domain-refusal';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { pingxiang2017 } from '../../domain/policy';

export interface When<E, S> {
  /** The state the command was decided on. */
  readonly state: S;
  /** The events decided (throws if the command was refused). */
  readonly events: E[];
  /** The state after the decided events. */
  readonly stateAfter: S;
  then(expected: readonly E[]): void;
  /** Expect events containing these (partial match per event, in order). */
  thenMatches(expected: readonly Partial<E>[]): void;
  thenRefused(code: string, details?: Record<string, unknown>): DomainRefusal;
  /** Allowed but changes nothing (a deadline already handled, a repeated request). */
  thenNothing(): void;
}

export interface Given<C, E, S> {
  readonly state: S;
  when(command: C, ctx: DecisionContext): When<E, S>;
}

function rethrow(error: unknown): never {
  throw error instanceof Error ? error : new Error(String(error));
}

export function specification<S, C, E extends DomainEvent<string, unknown>>(
  decider: Decider<S, C, E>,
): (...events: E[]) => Given<C, E, S> {
  return (...history) => {
    const state = history.reduce(decider.evolve, decider.initialState);
    return {
      state,
      when(command, ctx) {
        const run = (): E[] => decider.decide(command, state, ctx);
        const outcome = (): { events?: E[]; error?: unknown } => {
          try {
            return { events: run() };
          } catch (error) {
            return { error };
          }
        };
        return {
          state,
          get events() {
            return run();
          },
          get stateAfter() {
            return run().reduce(decider.evolve, state);
          },
          then(expected) {
            const result = outcome();
            if (result.error !== undefined) rethrow(result.error);
            expect(result.events).toEqual(expected);
          },
          thenMatches(expected) {
            const result = outcome();
            if (result.error !== undefined) rethrow(result.error);
            expect(result.events).toHaveLength(expected.length);
            expected.forEach((partial, index) => expect(result.events?.[index]).toMatchObject(partial));
          },
          thenRefused(code, details) {
            const result = outcome();
            if (result.error === undefined) {
              throw new Error(`Expected refusal ${code}, got events ${JSON.stringify(result.events)}`);
            }
            expect(result.error).toBeInstanceOf(DomainRefusal);
            const refusal = result.error as DomainRefusal;
            expect(refusal.code).toBe(code);
            expect(refusal.messageZh.length).toBeGreaterThan(0);
            expect(refusal.messageEn.length).toBeGreaterThan(0);
            if (details) expect(refusal.details).toMatchObject(details);
            return refusal;
          },
          thenNothing() {
            const result = outcome();
            if (result.error !== undefined) rethrow(result.error);
            expect(result.events).toEqual([]);
          },
        };
      },
    };
  };
}

/** A decision context for tests: `at(now, seat)`. */
export function contextFor(policy: PolicyPack) {
  return (now: string, seat: string, extra: Partial<Actor> = {}): DecisionContext => ({
    now,
    policy,
    commandId: `cmd-${now}`,
    actor: { userId: `${seat}-user`, seat, ...extra },
  });
}

/**
 * The usual start of a decider's specification: `given(...events).when(command, at(now, seat))` under the
 * Pingxiang pack as published.
 */
export function underPingxiang<S, C, E extends DomainEvent<string, unknown>>(decider: Decider<S, C, E>) {
  return { given: specification(decider), at: contextFor(pingxiang2017) };
}

/**
 * A Shangli official's command with its ids fixed in advance (command, correlation, two events), for
 * specifications of what is recorded around the events.
 */
export const commandWithFixedIds = {
  now: '2017-03-20T10:00:00+08:00',
  actor: { userId: 'u-7', seat: 'county-official', county: 'shangli' },
  policy: pingxiang2017,
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  ids: ['e-1', 'e-2'],
};

/**
 * Jest's asymmetric matchers are typed `any`; these wrap them so a partial expectation can stand in
 * for any field of an expected event without switching off the type checks around it.
 */
export function containing(value: object): never {
  return expect.objectContaining(value) as never;
}

export function containingItems(values: readonly unknown[]): never {
  return expect.arrayContaining(values) as never;
}
