import canonicalize from 'canonicalize';
import { canonicalJsonOf } from '../../../infra/event-store/canonical-json';

/** What the `canonicalize` package makes of what JSON.stringify keeps of a value. */
function reference(value: unknown): string | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : canonicalize(JSON.parse(text));
}

describe('canonicalJsonOf (RFC 8785)', () => {
  it.each<[string, unknown]>([
    ['nested objects, sorted by key at every level', { b: { d: 1, c: [true, null] }, a: '萍乡' }],
    [
      'keys ordered by UTF-16 code units, not code points',
      { '\u{1F600}': 1, '\uFB33': 2, a: 3, A: 4, '': 5 },
    ],
    [
      'numbers as ECMAScript prints them',
      [0, -0, 1e21, 1e-7, 0.1 + 0.2, 87.5, -1.5e300, 2 ** 53 + 2, 5e-324],
    ],
    ['strings with escapes and non-ASCII', ['"\\\b\f\n\r\t\u0001\u001f\u007f', 'é中文🚀', '\u2028\u2029']],
    ['an empty object and array', { o: {}, a: [] }],
  ])('gives the same text as the canonicalize package for %s', (_label, value) => {
    expect(canonicalJsonOf(value)).toBe(reference(value));
  });

  it('follows JSON.stringify for what JSON cannot hold', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      symbol: Symbol('s'),
      list: [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY],
      date: new Date('2018-01-01T00:00:00.000Z'),
      boxed: [new String('s'), new Number(2), new Boolean(false)],
      custom: { toJSON: (key: string) => `custom at ${key}` },
    };
    expect(canonicalJsonOf(value)).toBe(reference(value));
    expect(canonicalJsonOf(value)).toBe(
      '{"boxed":["s",2,false],"custom":"custom at custom","date":"2018-01-01T00:00:00.000Z","list":[null,null,null,null]}',
    );
    expect(canonicalJsonOf(undefined)).toBeUndefined();
  });

  it('refuses a bigint and a cycle, as JSON.stringify does', () => {
    expect(() => canonicalJsonOf({ position: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJsonOf(cycle)).toThrow(TypeError);
  });

  it('matches the RFC 8785 example for numbers', () => {
    // RFC 8785 §3.2.2.3, a selection of its test values with their canonical forms.
    const cases: [number, string][] = [
      [333333333.3333333, '333333333.3333333'],
      [1e30, '1e+30'],
      [4.5, '4.5'],
      [2e-3, '0.002'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
    ];
    for (const [value, text] of cases) expect(canonicalJsonOf(value)).toBe(text);
  });
});
