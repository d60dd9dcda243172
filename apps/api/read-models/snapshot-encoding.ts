import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { ProgrammeReadModels, type ReadModelsContent } from './read-models';
import type { TownRecord } from './town-record';

/**
 * The version of the fold the snapshots hold. Bump it whenever what `ProgrammeReadModels.apply` makes of
 * an event changes (the read models' code, or a domain `evolve` they call): snapshots of the old fold
 * are then ignored and every API folds the log from 0 once. A unit test fingerprints the fold of a fixed
 * event sequence and fails until this is bumped (test/unit/read-models/fold-version.spec.ts).
 */
export const FOLD_VERSION = 3;

/** The one set of read models an API keeps today. */
export const PROGRAMME_READ_MODELS = 'programme-read-models';

/** Towns per line: small enough that no one string nears V8's limit, however many towns there are. */
const TOWNS_PER_LINE = 1_000;
/** zlib's output chunk: the default 16 KiB made inflating a large snapshot twice as slow. */
const ZLIB_CHUNK = 1 << 22;
const gunzipAsync = promisify(gunzip);

type Header = Pick<ReadModelsContent, 'batches' | 'programmes'>;

/**
 * A line of towns: every distinct value of their fields once in `values`, and each town as two lists of
 * (key index, value index) pairs, its record's fields and its state's, in their own order. Towns of one
 * programme share most of their sub-states (a batch's schedule, the policy, a status, the same rewards and
 * reviews at the same stage), so a line holds each once and the decoded towns share one copy of it; what
 * differs per town (ids, names, positions, dates) costs what it did.
 */
interface TownLine {
  readonly values: readonly unknown[];
  readonly towns: readonly (readonly [readonly number[], readonly number[]])[];
}

export interface EncodedSnapshot {
  readonly body: Uint8Array;
  /** The JSON's size before compression. */
  readonly jsonBytes: number;
}

/**
 * Gzipped JSON lines: batches and programmes first, then the towns a thousand to a line, each line with
 * its own table of the values its towns hold (TownLine). `content` is
 * taken by the caller at the position it snapshots; its records are never changed afterwards (each fold
 * step makes new ones), so encoding may take turns with the fold and with requests.
 */
export async function encodeSnapshot(content: ReadModelsContent): Promise<EncodedSnapshot> {
  let jsonBytes = 0;
  async function* lines(): AsyncGenerator<Buffer> {
    const header: Header = { batches: content.batches, programmes: content.programmes };
    const towns = content.towns;
    for (let start = -TOWNS_PER_LINE; start < towns.length; start += TOWNS_PER_LINE) {
      const value = start < 0 ? header : encodeTownLine(towns.slice(start, start + TOWNS_PER_LINE));
      const line = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
      jsonBytes += line.byteLength;
      yield line;
      await nextTurn();
    }
  }
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(lines()),
    createGzip({ chunkSize: ZLIB_CHUNK }),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return { body: Buffer.concat(chunks), jsonBytes };
}

/** The read models a snapshot holds; parsed a line at a time, taking turns with requests. */
export async function decodeSnapshot(body: Uint8Array): Promise<ProgrammeReadModels> {
  const json = await gunzipAsync(body, { chunkSize: ZLIB_CHUNK });
  let header: Header | undefined;
  const towns: TownRecord[] = [];
  for (let start = 0; start < json.length;) {
    const end = json.indexOf(10, start);
    const line = json.toString('utf8', start, end < 0 ? json.length : end);
    start = end < 0 ? json.length : end + 1;
    if (header === undefined) header = JSON.parse(line) as Header;
    else decodeTownLine(JSON.parse(line) as TownLine, towns);
    await nextTurn();
  }
  if (header === undefined) throw new Error('The read-model snapshot is empty');
  return ProgrammeReadModels.restore({ towns, batches: header.batches, programmes: header.programmes });
}

/** Each distinct value once: primitives by identity, objects by their JSON (the fold makes them alike). */
class ValueTable {
  readonly values: unknown[] = [];
  private readonly primitives = new Map<unknown, number>();
  private readonly objects = new Map<string, number>();

  indexOf(value: unknown): number {
    const isObject = typeof value === 'object' && value !== null;
    const key = isObject ? JSON.stringify(value) : value;
    const known = isObject ? this.objects.get(key as string) : this.primitives.get(key);
    if (known !== undefined) return known;
    const index = this.values.push(value) - 1;
    if (isObject) this.objects.set(key as string, index);
    else this.primitives.set(key, index);
    return index;
  }

  /** (key, value) index pairs of an object's own fields, in order; undefined fields are left out, as JSON does. */
  pairsOf(fields: object): number[] {
    const pairs: number[] = [];
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) pairs.push(this.indexOf(key), this.indexOf(value));
    }
    return pairs;
  }
}

function encodeTownLine(towns: readonly TownRecord[]): TownLine {
  const table = new ValueTable();
  const encoded = towns.map(({ state, ...record }) => {
    // JSON has no bigint: the position travels as a decimal string.
    const fields = { ...record, lastPosition: record.lastPosition.toString() };
    return [table.pairsOf(fields), table.pairsOf(state)] as const;
  });
  return { values: table.values, towns: encoded };
}

function decodeTownLine(line: TownLine, into: TownRecord[]): void {
  // An index outside the table (a damaged line) reads as undefined, and the record fails where it is used.
  const valueAt = (index: number | undefined): unknown => line.values[index ?? -1];
  const objectOf = (pairs: readonly number[]): Record<string, unknown> => {
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < pairs.length; i += 2) fields[String(valueAt(pairs[i]))] = valueAt(pairs[i + 1]);
    return fields;
  };
  for (const [recordPairs, statePairs] of line.towns) {
    const record = objectOf(recordPairs);
    record.lastPosition = BigInt(record.lastPosition as string);
    record.state = objectOf(statePairs);
    into.push(record as unknown as TownRecord);
  }
}
