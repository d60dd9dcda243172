import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createGzip, gunzip } from 'node:zlib';
import { ProgrammeReadModels, type ReadModelsContent } from './read-models';
import type { StepSummary, TownRecord } from './town-record';

/**
 * The version of the fold the snapshots hold. Bump it whenever what `ProgrammeReadModels.apply` makes of
 * an event changes (the read models' code, or a domain `evolve` they call): snapshots of the old fold
 * are then ignored and every API folds the log from 0 once. A unit test fingerprints the fold of a fixed
 * event sequence and fails until this is bumped (test/unit/read-models/fold-version.spec.ts).
 */
export const FOLD_VERSION = 1;

/** The one set of read models an API keeps today. */
export const PROGRAMME_READ_MODELS = 'programme-read-models';

/** Towns per line: small enough that no one string nears V8's limit, however many towns there are. */
const TOWNS_PER_LINE = 1_000;
/** zlib's output chunk: the default 16 KiB made inflating a large snapshot twice as slow. */
const ZLIB_CHUNK = 1 << 22;
const gunzipAsync = promisify(gunzip);

/** JSON has no bigint: positions travel as decimal strings. */
type EncodedStep = Omit<StepSummary, 'globalPosition'> & { readonly globalPosition: string };
type EncodedTown = Omit<TownRecord, 'lastPosition' | 'recentSteps'> & {
  readonly lastPosition: string;
  readonly recentSteps: readonly EncodedStep[];
};
type Header = Pick<ReadModelsContent, 'batches' | 'programmes'>;

export interface EncodedSnapshot {
  readonly body: Uint8Array;
  /** The JSON's size before compression. */
  readonly jsonBytes: number;
}

/**
 * Gzipped JSON lines: batches and programmes first, then the towns a thousand to a line. `content` is
 * taken by the caller at the position it snapshots; its records are never changed afterwards (each fold
 * step makes new ones), so encoding may take turns with the fold and with requests.
 */
export async function encodeSnapshot(content: ReadModelsContent): Promise<EncodedSnapshot> {
  let jsonBytes = 0;
  async function* lines(): AsyncGenerator<Buffer> {
    const header: Header = { batches: content.batches, programmes: content.programmes };
    const towns = content.towns;
    for (let start = -TOWNS_PER_LINE; start < towns.length; start += TOWNS_PER_LINE) {
      const value = start < 0 ? header : towns.slice(start, start + TOWNS_PER_LINE).map(encodeTown);
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
    else for (const town of JSON.parse(line) as EncodedTown[]) towns.push(decodeTown(town));
    await nextTurn();
  }
  if (header === undefined) throw new Error('The read-model snapshot is empty');
  return ProgrammeReadModels.restore({ towns, batches: header.batches, programmes: header.programmes });
}

function encodeTown(town: TownRecord): EncodedTown {
  return {
    ...town,
    lastPosition: town.lastPosition.toString(),
    recentSteps: town.recentSteps.map((step) => ({
      ...step,
      globalPosition: step.globalPosition.toString(),
    })),
  };
}

function decodeTown(town: EncodedTown): TownRecord {
  return {
    ...town,
    lastPosition: BigInt(town.lastPosition),
    recentSteps: town.recentSteps.map((step) => ({ ...step, globalPosition: BigInt(step.globalPosition) })),
  };
}
