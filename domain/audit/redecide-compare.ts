/**
 * Decided events against recorded ones: type and data, in order, as JSON (what the store holds of a
 * decided event is its JSON, so `undefined` members and the like are compared as the store keeps them).
 * Names the first difference by event and field path, with both values.
 */
import type { DomainEvent } from '../shared/decision';
import type { RecordedEvent } from '../shared/event-envelope';

export interface EventDifference {
  /** Index of the event within the step (0 = the step's first event). */
  readonly eventIndex: number;
  /** The recorded event's stream version, or null when the decision gives more events than recorded. */
  readonly streamVersion: number | null;
  /**
   * Where they first differ: `type`, `data.rating`, `data.ranking[2].townId`, `data["2018"]`; empty
   * when a whole event is missing on one side.
   */
  readonly path: string;
  /** What the decision gives; absent when it has nothing there. */
  readonly expected?: unknown;
  /** What the log holds; absent when it has nothing there. */
  readonly found?: unknown;
}

export function compareDecided(
  decided: readonly DomainEvent<string, unknown>[],
  recorded: readonly RecordedEvent[],
): EventDifference | null {
  const length = Math.max(decided.length, recorded.length);
  for (let index = 0; index < length; index += 1) {
    const mine = decided[index];
    const theirs = recorded[index];
    const streamVersion = theirs?.streamVersion ?? null;
    if (mine === undefined || theirs === undefined) {
      return {
        eventIndex: index,
        streamVersion,
        path: '',
        ...(mine === undefined ? {} : { expected: asStored({ type: mine.type, data: mine.data }) }),
        ...(theirs === undefined ? {} : { found: { type: theirs.type, data: theirs.data } }),
      };
    }
    if (mine.type !== theirs.type) {
      return { eventIndex: index, streamVersion, path: 'type', expected: mine.type, found: theirs.type };
    }
    const difference = firstDifference(asStored(mine.data), theirs.data, 'data');
    if (difference) return { eventIndex: index, streamVersion, ...difference };
  }
  return null;
}

/** The value as the store gives it back: its JSON. */
export function asStored(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

type Found = { readonly path: string; readonly expected?: unknown; readonly found?: unknown };

/** Depth first, in the decided value's key order, then keys only the recorded value has. */
export function firstDifference(expected: unknown, found: unknown, path: string): Found | null {
  if (Object.is(expected, found)) return null;
  if (Array.isArray(expected) && Array.isArray(found)) {
    const length = Math.max(expected.length, found.length);
    for (let index = 0; index < length; index += 1) {
      const at = `${path}[${index}]`;
      if (index >= expected.length) return { path: at, found: found[index] as unknown };
      if (index >= found.length) return { path: at, expected: expected[index] as unknown };
      const difference = firstDifference(expected[index], found[index], at);
      if (difference) return difference;
    }
    return null;
  }
  if (isRecord(expected) && isRecord(found)) {
    for (const key of Object.keys(expected)) {
      const at = member(path, key);
      if (!Object.hasOwn(found, key)) return { path: at, expected: expected[key] };
      const difference = firstDifference(expected[key], found[key], at);
      if (difference) return difference;
    }
    for (const key of Object.keys(found)) {
      if (!Object.hasOwn(expected, key)) return { path: member(path, key), found: found[key] };
    }
    return null;
  }
  return { path, expected, found };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
