import {
  compareInstants,
  fromEpochMs,
  InvalidInstantError,
  isBefore,
  isCanonicalInstant,
  isInstant,
  isOnOrAfter,
  normaliseInstant,
  toEpochMs,
} from '../../../../domain/calendar';

/** The same instant spelt with another offset, as an official's client might send it. */
function withOffset(canonical: string, offsetMinutes: number): string {
  const local = fromEpochMs(toEpochMs(canonical) + offsetMinutes * 60_000).slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** A fixed sequence of instants between 1990 and 2040, some a millisecond apart. */
function sampleInstants(count: number): string[] {
  let seed = 20_170_331;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  const start = Date.UTC(1990, 0, 1);
  const span = Date.UTC(2040, 0, 1) - start;
  const instants: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const ms = start + Math.floor((next() / 2_147_483_648) * span);
    instants.push(fromEpochMs(ms));
    if (index % 10 === 0) instants.push(fromEpochMs(ms + 1));
  }
  return instants;
}

describe('instants in the canonical form', () => {
  it.each(['2017-03-31T15:59:59.999Z', '1970-01-01T00:00:00.000Z', '2020-02-29T23:59:59.999Z'])(
    'knows %s as canonical, and leaves it as it is',
    (text) => {
      expect(isCanonicalInstant(text)).toBe(true);
      expect(normaliseInstant(text)).toBe(text);
      expect(fromEpochMs(toEpochMs(text))).toBe(text);
    },
  );

  it.each([
    '2017-03-31T15:59:59Z',
    '2017-03-31T15:59:59.9990Z',
    '2017-04-01T00:00:00.000+08:00',
    '2017-02-29T00:00:00.000Z',
    '2017-03-31T24:00:00.000Z',
    '2017-03-31T23:60:00.000Z',
    '2017-13-01T00:00:00.000Z',
    '2017-03-31 15:59:59.999Z',
    '2017-03-31T15:59:59.99xZ',
  ])('does not take %s for canonical', (text) => {
    expect(isCanonicalInstant(text)).toBe(false);
  });

  it('refuses canonical-looking instants that do not exist, in every function', () => {
    for (const text of ['2017-02-29T00:00:00.000Z', '2017-03-31T24:00:00.000Z']) {
      expect(isInstant(text)).toBe(false);
      expect(() => toEpochMs(text)).toThrow(InvalidInstantError);
      expect(() => normaliseInstant(text)).toThrow(InvalidInstantError);
      expect(() => compareInstants(text, '2017-03-31T15:59:59.999Z')).toThrow(InvalidInstantError);
      expect(() => compareInstants('2017-03-31T15:59:59.999Z', text)).toThrow(InvalidInstantError);
    }
  });
});

describe('offsets', () => {
  it.each(['+23:59', '-23:59', '+00:00', '+08:00', '-05:30'])('takes the offset %s', (offset) => {
    expect(isInstant(`2027-01-01T00:00:00${offset}`)).toBe(true);
  });

  it.each(['+25:00', '-24:00', '+08:60', '+99:99'])('refuses the offset %s (RFC 3339)', (offset) => {
    const text = `2027-01-01T00:00:00${offset}`;
    expect(isInstant(text)).toBe(false);
    expect(() => toEpochMs(text)).toThrow(InvalidInstantError);
  });
});

describe('comparing instants with mixed offsets', () => {
  const instants = sampleInstants(200);
  const byValue = (a: string, b: string) => Math.sign(toEpochMs(a) - toEpochMs(b));

  it('orders canonical instants exactly as their values', () => {
    for (let index = 1; index < instants.length; index += 1) {
      const [a, b] = [instants[index - 1] ?? '', instants[index] ?? ''];
      expect(compareInstants(a, b)).toBe(byValue(a, b));
      expect(compareInstants(b, a)).toBe(byValue(b, a));
      expect(compareInstants(a, a)).toBe(0);
    }
  });

  it('orders a canonical instant against another offset by value, either way round', () => {
    const offsets = [480, -300, 330, 0, -720, 840];
    for (const [index, canonical] of instants.entries()) {
      const other = withOffset(instants[(index + 1) % instants.length] ?? canonical, offsets[index % 6] ?? 0);
      expect(compareInstants(canonical, other)).toBe(byValue(canonical, other));
      expect(compareInstants(other, canonical)).toBe(byValue(other, canonical));
      // The same instant spelt two ways is the same instant.
      expect(compareInstants(canonical, withOffset(canonical, 480))).toBe(0);
      expect(normaliseInstant(withOffset(canonical, -300))).toBe(canonical);
    }
  });

  it('sorts a mixed list into the same order as by value', () => {
    const mixed = instants.map((instant, index) => (index % 3 === 0 ? withOffset(instant, 480) : instant));
    const sorted = [...mixed].sort(compareInstants).map(normaliseInstant);
    expect(sorted).toEqual([...instants].sort((a, b) => toEpochMs(a) - toEpochMs(b)));
  });

  it('judges the edges of a Shanghai day the same whichever way they are written', () => {
    const endOfMarch = '2017-03-31T15:59:59.999Z';
    expect(isBefore('2017-03-31T23:59:59.998+08:00', endOfMarch)).toBe(true);
    expect(isOnOrAfter('2017-03-31T23:59:59.999+08:00', endOfMarch)).toBe(true);
    expect(isOnOrAfter(endOfMarch, '2017-04-01T00:00:00+08:00')).toBe(false);
    expect(compareInstants('2017-03-31T16:00:00Z', '2017-03-31T15:59:59.999Z')).toBe(1);
  });
});
