/**
 * Audit reports as JSON. Positions are bigints in memory; in JSON they are decimal strings, as
 * everywhere else (JSON numbers lose precision above 2^53, and JSON.stringify refuses a bigint).
 */
export function bigintAsDecimal(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** The report as plain JSON data: what a Temporal payload or an HTTP answer can carry unchanged. */
export function asJsonData(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, bigintAsDecimal) ?? 'null') as unknown;
}
