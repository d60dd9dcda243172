/**
 * Packs already validated and hashed, by the version they claim, each with the exact input it was
 * parsed from. Parsing is a pure function of its input, so handing back the remembered result for an
 * identical input is indistinguishable from parsing again, inside a workflow or a replay alike.
 *
 * Inside the workflow sandbox every workflow gets its own copy of every module, so this memory lasts
 * one workflow run, unless the worker preloads this module (Temporal's `preloadModules`), which then
 * shares it between all the workflows of that worker: then a pack is validated and hashed once per
 * version and worker instead of at every workflow start. That is why this file imports nothing at run
 * time: a preloaded module and whatever it imports are shared and frozen.
 */

/** Versions kept: a programme runs under one or two; the oldest goes first when more arrive. */
export const REMEMBERED_VERSIONS = 16;

interface Remembered {
  readonly input: unknown;
  readonly parsed: unknown;
}

const remembered = new Map<string, Remembered>();

/**
 * `parse(input)`, or what it returned for an identical input before. Only an input that claims a
 * version is remembered (the claim is what parsing verifies), and only once it has parsed: a refused
 * input is parsed, and refused, every time.
 */
export function parsedOnce<T>(input: unknown, parse: (input: unknown) => T): T {
  const claimed = (input as { version?: unknown } | null)?.version;
  if (typeof claimed !== 'string') return parse(input);
  const known = remembered.get(claimed);
  if (known && sameJson(known.input, input)) return known.parsed as T;
  const parsed = parse(input);
  if (remembered.size >= REMEMBERED_VERSIONS && !remembered.has(claimed)) {
    const oldest = remembered.keys().next();
    if (!oldest.done) remembered.delete(oldest.value);
  }
  // A copy: the caller's object may change after it was parsed; the remembered input must not.
  remembered.set(claimed, { input: JSON.parse(JSON.stringify(input)) as unknown, parsed });
  return parsed;
}

const built = new Map<string, unknown>();

/**
 * `make()`, or what it returned for the same key before: for packs a workflow rebuilds from a reference
 * (policy-reference.ts), where the key names exactly what is built (a pack's id and version, the
 * rehearsal date) and `make` is a pure function of the code. A `make` that throws is not remembered.
 */
export function builtOnce<T>(key: string, make: () => T): T {
  if (built.has(key)) return built.get(key) as T;
  const value = make();
  if (built.size >= REMEMBERED_VERSIONS) {
    const oldest = built.keys().next();
    if (!oldest.done) built.delete(oldest.value);
  }
  built.set(key, value);
  return value;
}

/** Forgets every remembered pack. */
export function forgetParsedPacks(): void {
  remembered.clear();
  built.clear();
}

/**
 * The same JSON value, keys in the same order (parsing keeps an input's order where the schema does
 * not fix it). Anything that is not plain JSON compares unequal, and is simply parsed again.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const otherKeys = Object.keys(b);
  if (keys.length !== otherKeys.length) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return keys.every((key, index) => key === otherKeys[index] && sameJson(left[key], right[key]));
}
