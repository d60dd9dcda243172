import {
  addCalendarMonths,
  addLocalMonths,
  compareInstants,
  dueAtEndOf,
  dueWithinDays,
  dueWithinMonths,
  endOfDay,
  endOfMonth,
  fromEpochMs,
  InvalidInstantError,
  isAfter,
  isBefore,
  localDateOf,
  NO_HOLIDAY_SHIFT,
  normaliseInstant,
  parseLocalDate,
  shanghaiYearOf,
  startOfYear,
  toEpochMs,
} from '../../../../domain/calendar';

describe('instants without the global clock', () => {
  it.each([
    ['2017-03-31T15:59:59.999Z', 1490975999999],
    ['1970-01-01T00:00:00.000Z', 0],
    ['2020-02-29T12:00:00Z', 1582977600000],
    ['2017-04-01T00:00:00+08:00', 1490976000000],
  ])('parses %s', (text, ms) => {
    expect(toEpochMs(text)).toBe(ms);
  });

  it('round-trips through the canonical form', () => {
    for (const ms of [0, 1490975999999, 1609430399999, 951782400000, -86400000]) {
      expect(toEpochMs(fromEpochMs(ms))).toBe(ms);
    }
    expect(normaliseInstant('2017-04-01T07:59:59.999+08:00')).toBe('2017-03-31T23:59:59.999Z');
  });

  it.each(['2017-02-29T00:00:00Z', '2017-03-31', '2017-03-31T24:00:00Z', '2017-03-31T10:00:00', 'soon'])(
    'rejects %s',
    (text) => {
      expect(() => toEpochMs(text)).toThrow(InvalidInstantError);
    },
  );

  it('compares by value, not by spelling', () => {
    expect(compareInstants('2017-04-01T00:00:00+08:00', '2017-03-31T16:00:00Z')).toBe(0);
    expect(isBefore('2017-03-31T23:59:59.999+08:00', '2017-03-31T16:00:00Z')).toBe(true);
    expect(isAfter('2017-04-01T00:00:00.001+08:00', '2017-03-31T16:00:00Z')).toBe(true);
  });
});

describe('Asia/Shanghai calendar', () => {
  it('puts the end of March 2017 in Shanghai at 2017-03-31T15:59:59.999Z', () => {
    expect(endOfMonth(2017, 3)).toBe('2017-03-31T15:59:59.999Z');
    expect(endOfMonth(2018, 4)).toBe('2018-04-30T15:59:59.999Z');
  });

  it('knows leap Februaries', () => {
    expect(endOfMonth(2020, 2)).toBe('2020-02-29T15:59:59.999Z');
    expect(endOfMonth(2019, 2)).toBe('2019-02-28T15:59:59.999Z');
  });

  it('starts a year at midnight in Shanghai, i.e. 16:00 UTC the day before', () => {
    expect(startOfYear(2019)).toBe('2018-12-31T16:00:00.000Z');
  });

  it('reads the Shanghai date of an instant late in the UTC day', () => {
    expect(localDateOf('2017-12-31T16:30:00Z')).toEqual({ year: 2018, month: 1, day: 1 });
    expect(shanghaiYearOf('2017-12-31T15:59:59.999Z')).toBe(2017);
  });

  it('adds calendar months: 31 January + 1 month = end of February', () => {
    expect(addLocalMonths({ year: 2017, month: 1, day: 31 }, 1)).toEqual({ year: 2017, month: 2, day: 28 });
    expect(addLocalMonths({ year: 2020, month: 1, day: 31 }, 1)).toEqual({ year: 2020, month: 2, day: 29 });
    expect(addLocalMonths({ year: 2017, month: 11, day: 30 }, 3)).toEqual({ year: 2018, month: 2, day: 28 });
    expect(addLocalMonths({ year: 2017, month: 4, day: 30 }, 3)).toEqual({ year: 2017, month: 7, day: 30 });
    expect(addCalendarMonths('2017-01-31T10:00:00+08:00', 1)).toBe('2017-02-28T02:00:00.000Z');
  });

  it('keeps the Shanghai wall time when adding months across the UTC date line', () => {
    // 31 Jan 01:00 in Shanghai is still 30 Jan in UTC; the month is added to the Shanghai date.
    expect(addCalendarMonths('2017-01-30T17:00:00Z', 1)).toBe('2017-02-27T17:00:00.000Z');
  });

  it('counts "within 3 months" to the end of the due day', () => {
    expect(dueWithinMonths('2017-04-28T10:00:00+08:00', 3, NO_HOLIDAY_SHIFT)).toBe(
      '2017-07-28T15:59:59.999Z',
    );
    expect(dueWithinMonths('2017-04-30T23:59:59.999+08:00', 3, NO_HOLIDAY_SHIFT)).toBe(
      endOfDay({ year: 2017, month: 7, day: 30 }),
    );
    expect(dueWithinDays('2017-12-15T15:59:59.999Z', 10, NO_HOLIDAY_SHIFT)).toBe('2017-12-25T15:59:59.999Z');
  });

  it('shifts a deadline past listed holidays only when the rule says so', () => {
    const nationalDay = {
      holidaysShiftDeadlines: true,
      nonWorkingDays: [
        '2017-10-01',
        '2017-10-02',
        '2017-10-03',
        '2017-10-04',
        '2017-10-05',
        '2017-10-06',
        '2017-10-07',
        '2017-10-08',
      ],
    };
    const due = parseLocalDate('2017-10-01');
    expect(dueAtEndOf(due, nationalDay)).toBe('2017-10-09T15:59:59.999Z');
    expect(dueAtEndOf(due, { ...nationalDay, holidaysShiftDeadlines: false })).toBe(
      '2017-10-01T15:59:59.999Z',
    );
    expect(dueAtEndOf(parseLocalDate('2017-09-29'), nationalDay)).toBe('2017-09-29T15:59:59.999Z');
  });
});
