/**
 * Dates and instants as the API reads them, as regular expressions exact enough for the OpenAPI
 * document to say what the server accepts: every calendar date of the proleptic Gregorian calendar
 * (29 February in leap years only), and instants with a time zone offset (domain/calendar/instant.ts).
 */
const commonYearDate =
  '\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
const leapDay = '(?:\\d\\d(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29';
const date = `(?:${commonYearDate}|${leapDay})`;
const timeWithOffset =
  'T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** `YYYY-MM-DD`, a date that exists. */
export const calendarDatePattern = `^${date}$`;

/** A date (read as the end of that day in Shanghai) or an instant with an offset. */
export const dateOrInstantPattern = `^${date}(?:${timeWithOffset})?$`;
