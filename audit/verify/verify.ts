/**
 * Verifies a whole log — a live store or an offline bundle, through the same engine
 * (audit/shared/log-verifier.ts) — against its checkpoints, and reports the first place it stops agreeing
 * with what was recorded. A live log's checkpoints are kept in more than one place; those records are
 * compared with each other too.
 */
import type {
  ChainedEventText,
  ChainedRecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
} from '../../infra/event-store/event-store.port';
import { SCHEMA_UPGRADE_STREAM, SCHEMA_UPGRADED } from '../../infra/event-store/sql/schema-migrations';
import type { Checkpoint } from '../../infra/audit/checkpoint';
import {
  checkpointSchemaFindings,
  checkpointsNamingNoSchema,
  type SchemaUpgradeMark,
  type StoreSchemaHistory,
} from './checkpoint-schema';
import {
  type CheckpointRecord,
  compareCheckpointRecords,
  type RecordDisagreement,
  recordDefects,
} from './checkpoint-records';
import type { CheckpointSink } from '../../infra/audit/checkpoint-sink';
import { ContentCheckPool } from '../../infra/audit/content-check-pool';
import type { Finding } from '../../domain/audit/findings';
import type { TrustedKeys } from '../../infra/audit/keys';
import { DEFAULT_PAGE_SIZE, readPages } from '../shared/log-pages';
import {
  type LogEntry,
  LogVerifier,
  type LogVerifierOptions,
  type VerificationSummary,
} from '../shared/log-verifier';
import type { Progress } from '../shared/progress';

export interface LogSource {
  readonly gapFreePositions: boolean;
  lastPosition?(): Promise<bigint | undefined>;
  readAll(options: ReadAllOptions): Promise<LogEntry[]>;
  /** Offered by the SQL stores: lets content hashes be checked on worker threads. */
  readAllText?(options: ReadAllOptions): Promise<ChainedEventText[]>;
  /** A live store's schema and its log's upgrades, against which checkpoints' schema versions are held. */
  schemaVersion?(): Promise<number>;
  readStream?(stream: string, options?: ReadStreamOptions): Promise<ChainedRecordedEvent[]>;
}

/**
 * From this many events on, content hashes are checked on worker threads (when the source can give the
 * events unparsed): below it, starting the threads costs more than they save.
 */
export const PARALLEL_FROM_EVENTS = 20_000;

/** Pages handed to the workers and not yet answered, at most: bounds the memory a long log takes. */
const PAGES_IN_FLIGHT = 16;

export interface VerifyLogOptions {
  readonly log: LogSource;
  readonly checkpoints: readonly Checkpoint[];
  readonly trustedKeys: TrustedKeys;
  readonly pageSize?: number;
  readonly maxFindings?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Check content hashes on worker threads; default: when the log is long enough to gain from it. */
  readonly parallel?: boolean;
}

export interface VerificationReport extends VerificationSummary {
  readonly ok: boolean;
  /**
   * Checkpoints made before checkpoints named the store's schema (formats 1 and 2): verified as before,
   * their schema unchecked (decision 0076).
   */
  readonly checkpointsWithoutSchema: number;
  /** The first finding, for callers that want only that. */
  readonly firstFinding: Finding | null;
}

export async function verifyLog(options: VerifyLogOptions): Promise<VerificationReport> {
  const { log } = options;
  const lastPosition = await log.lastPosition?.();
  const verifierOptions: LogVerifierOptions = {
    gapFreePositions: log.gapFreePositions,
    checkpoints: options.checkpoints,
    trustedKeys: options.trustedKeys,
    ...(options.maxFindings === undefined ? {} : { maxFindings: options.maxFindings }),
  };
  const onProgress = (entries: number, position: bigint) =>
    options.onProgress?.({ entries, position, lastPosition });
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const parallel = options.parallel ?? (lastPosition !== undefined && lastPosition >= PARALLEL_FROM_EVENTS);
  const readAllText = log.readAllText?.bind(log);
  const summary =
    parallel && readAllText !== undefined
      ? await verifyWithWorkers(
          readPages({ readAll: readAllText }, 0n, pageSize),
          verifierOptions,
          onProgress,
        )
      : await verifyPages(readPages(log, 0n, pageSize), { ...verifierOptions, onProgress });
  const history = await schemaHistoryOf(log);
  const schemaFindings = history === undefined ? [] : checkpointSchemaFindings(options.checkpoints, history);
  return toReport(summary, options.checkpoints, schemaFindings);
}

/** The store's schema history from its log, read after the log was verified; undefined for a bundle. */
async function schemaHistoryOf(log: LogSource): Promise<StoreSchemaHistory | undefined> {
  if (log.schemaVersion === undefined || log.readStream === undefined) return undefined;
  const currentVersion = await log.schemaVersion();
  const events = await log.readStream(SCHEMA_UPGRADE_STREAM);
  const upgrades = events.flatMap((event): SchemaUpgradeMark[] => {
    const data = event.data as { fromVersion?: unknown; toVersion?: unknown } | null;
    if (event.type !== SCHEMA_UPGRADED || typeof data?.fromVersion !== 'number') return [];
    if (typeof data.toVersion !== 'number') return [];
    return [{ position: event.globalPosition, fromVersion: data.fromVersion, toVersion: data.toVersion }];
  });
  return { currentVersion, upgrades };
}

/**
 * The same checks as verifyPages, with the content hashes recomputed on worker threads while this
 * thread reads on and checks the chains; the workers' answers are folded in as they come.
 */
async function verifyWithWorkers(
  pages: AsyncIterable<readonly ChainedEventText[]>,
  options: LogVerifierOptions,
  onProgress: (entries: number, position: bigint) => void,
): Promise<VerificationSummary> {
  const verifier = new LogVerifier(options);
  const pool = ContentCheckPool.start();
  const inFlight: Promise<void>[] = [];
  let failure: { readonly error: unknown } | undefined;
  let entries = 0;
  try {
    for await (const page of pages) {
      for (const event of page) verifier.checkLinks(event);
      inFlight.push(
        pool.check(page).then(
          (mismatches) => {
            for (const { event, recomputed } of mismatches) verifier.contentMismatch(event, recomputed);
          },
          (error: unknown) => {
            failure ??= { error };
          },
        ),
      );
      if (inFlight.length >= PAGES_IN_FLIGHT) await inFlight.shift();
      entries += page.length;
      onProgress(entries, page.at(-1)?.globalPosition ?? 0n);
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  if (failure !== undefined) throw failure.error;
  return verifier.finish();
}

/** The engine over pages of entries in global order, from any source (a store, a bundle file). */
export async function verifyPages(
  pages: AsyncIterable<readonly LogEntry[]>,
  options: LogVerifierOptions & { readonly onProgress?: (entries: number, position: bigint) => void },
): Promise<VerificationSummary> {
  const verifier = new LogVerifier(options);
  let entries = 0;
  for await (const page of pages) {
    for (const entry of page) verifier.check(entry);
    entries += page.length;
    options.onProgress?.(entries, page.at(-1)?.globalPosition ?? 0n);
  }
  return verifier.finish();
}

export function toReport(
  summary: VerificationSummary,
  checkpoints: readonly Checkpoint[],
  extra: readonly Finding[] = [],
): VerificationReport {
  const findings = [...summary.findings, ...extra];
  return {
    ...summary,
    checkpointsWithoutSchema: checkpointsNamingNoSchema(checkpoints).length,
    findings,
    findingCount: summary.findingCount + extra.length,
    ok: findings.length === 0,
    firstFinding: findings[0] ?? null,
  };
}

export interface VerifyAgainstRecordsOptions extends Omit<VerifyLogOptions, 'checkpoints'> {
  /** The checkpoints of every configured sink, in the configured order. */
  readonly records: readonly CheckpointRecord[];
}

export interface CrossCheckedReport extends VerificationReport {
  /** Each record and how many checkpoints it holds. */
  readonly records: readonly { readonly description: string; readonly checkpoints: number }[];
  /** The record the log was verified against: the one holding the most checkpoints. */
  readonly verifiedAgainst: string | null;
  /** Where the records disagree; `ok` is false when there is any. */
  readonly disagreements: readonly RecordDisagreement[];
}

/**
 * Verifies the log against the record holding the most checkpoints, and compares the records. Nobody but
 * the checkpointer can sign a checkpoint, so a record can lose checkpoints or have them altered, not gain
 * valid ones: the longest record seals the most, and one altered shows as a bad signature there or as a
 * disagreement with another record. A rewrite of the events table together with one record (lines
 * removed from the file to hide the checkpoints that sealed the rewritten events) is caught by the other;
 * a record that is empty while the log has events, or that could not be read, is a finding of its own.
 */
export async function verifyLogAgainstRecords(
  options: VerifyAgainstRecordsOptions,
): Promise<CrossCheckedReport> {
  const { records, ...rest } = options;
  const reference = records.reduce<CheckpointRecord | undefined>(
    (longest, record) =>
      longest === undefined || record.checkpoints.length > longest.checkpoints.length ? record : longest,
    undefined,
  );
  const report = await verifyLog({ ...rest, checkpoints: reference?.checkpoints ?? [] });
  const disagreements = [...recordDefects(records, report.count), ...compareCheckpointRecords(records)];
  return {
    ...report,
    ok: report.ok && disagreements.length === 0,
    records: records.map((record) => ({
      description: record.description,
      checkpoints: record.checkpoints.length,
    })),
    verifiedAgainst: reference?.description ?? null,
    disagreements,
  };
}

/**
 * Every sink's checkpoints, in the sinks' order. Read from the last to the first, the reverse of the order
 * a checkpoint is written in (infra/audit/checkpoint-sink.ts `teeCheckpointSinks`). A checkpoint made
 * while reading can then show in an earlier sink and not yet in a later one, as a copy that missed it
 * would; never in a later sink alone, which is what a line removed from the file looks like.
 */
export async function readCheckpointRecords(sinks: readonly CheckpointSink[]): Promise<CheckpointRecord[]> {
  const records: CheckpointRecord[] = [];
  for (const sink of [...sinks].reverse()) {
    records.unshift(await readRecord(sink));
  }
  return records;
}

/** A sink that cannot be read is reported as such (recordDefects), not dropped from the comparison. */
async function readRecord(sink: CheckpointSink): Promise<CheckpointRecord> {
  try {
    return { description: sink.description, checkpoints: await sink.readAll() };
  } catch (error) {
    const code =
      typeof error === 'object' && error !== null && 'code' in error ? `[${String(error.code)}] ` : '';
    return {
      description: sink.description,
      checkpoints: [],
      unreadable: `${code}${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
