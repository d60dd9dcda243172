/**
 * RFC 8785 (JSON Canonicalization Scheme) of what `JSON.stringify` would make of a value: the same
 * text the `canonicalize` package gives for `JSON.parse(JSON.stringify(value))`, without the round trip.
 *
 * Why our own: every append hashes its events and every verification re-hashes the whole log, and this
 * is the hot loop of both. RFC 8785 is defined in terms of ECMAScript's own serialisation (numbers as
 * `Number.prototype.toString`, strings as `JSON.stringify` escapes them, keys sorted by UTF-16 code
 * units, which is what `Array.prototype.sort` does), so the scheme is a few lines in JavaScript; the
 * unit tests hold it to the `canonicalize` package on ordinary and awkward values.
 *
 * Like `JSON.stringify`: `toJSON` is honoured; `undefined`, functions and symbols are left out of
 * objects and become `null` in arrays; non-finite numbers become `null`; a bigint throws, and so does a
 * cycle (as nesting deeper than any event has: counting depth is cheaper than remembering ancestors).
 */
export function canonicalJsonOf(value: unknown): string | undefined {
  return serialise(value, '', 0);
}

const MAX_DEPTH = 512;

function serialise(value: unknown, key: string | number, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw new TypeError('JSON nested too deeply, or circular');
      if (Array.isArray(value)) return array(value, depth + 1);
      if (typeof (value as Partial<Jsonable>).toJSON === 'function') {
        return serialise((value as Jsonable).toJSON(String(key)), key, depth + 1);
      }
      if (value instanceof Number || value instanceof String || value instanceof Boolean) {
        return serialise(value.valueOf(), key, depth);
      }
      return object(value, depth + 1);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
}

interface Jsonable {
  toJSON(key: string): unknown;
}

function array(values: readonly unknown[], depth: number): string {
  let text = '[';
  for (let index = 0; index < values.length; index += 1) {
    if (index > 0) text += ',';
    text += serialise(values[index], index, depth) ?? 'null';
  }
  return `${text}]`;
}

function object(value: object, depth: number): string {
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!isSorted(keys)) keys.sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = serialise(record[key], key, depth);
    if (member === undefined) continue;
    text += `${first ? '' : ','}${quotedKey(key)}:${member}`;
    first = false;
  }
  return `${text}}`;
}

function isSorted(keys: readonly string[]): boolean {
  for (let index = 1; index < keys.length; index += 1) {
    if (keys[index - 1]! > keys[index]!) return false;
  }
  return true;
}

/**
 * The same few keys recur in every event, so their quoted forms are kept. Bounded, so that a log full of
 * keys that are really data (ids as keys) cannot grow it without end.
 */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}
