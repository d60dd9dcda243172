/**
 * Verifies a whole log — a live store or an offline bundle, through the same engine (log-verifier.ts) —
 * against its checkpoints, and reports the first place it stops agreeing with what was recorded.
 */
import type { ChainedEventText, ReadAllOptions } from '../event-store/event-store.port';
import type { Checkpoint } from './checkpoint';
import { ContentCheckPool } from './content-check-pool';
import type { Finding } from './findings';
import type { TrustedKeys } from './keys';
import { DEFAULT_PAGE_SIZE, readPages } from './log-pages';
import {
  type LogEntry,
  LogVerifier,
  type LogVerifierOptions,
  type VerificationSummary,
} from './log-verifier';

export interface LogSource {
  readonly gapFreePositions: boolean;
  lastPosition?(): Promise<bigint | undefined>;
  readAll(options: ReadAllOptions): Promise<LogEntry[]>;
  /** Offered by the SQL stores: lets content hashes be checked on worker threads. */
  readAllText?(options: ReadAllOptions): Promise<ChainedEventText[]>;
}

/**
 * From this many events on, content hashes are checked on worker threads (when the source can give the
 * events unparsed): below it, starting the threads costs more than they save.
 */
export const PARALLEL_FROM_EVENTS = 20_000;

/** Pages handed to the workers and not yet answered, at most: bounds the memory a long log takes. */
const PAGES_IN_FLIGHT = 16;

export interface Progress {
  readonly entries: number;
  readonly position: bigint;
  /** The log's last position when the run started, if the source knows it. */
  readonly lastPosition: bigint | undefined;
}

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
  if (parallel && readAllText !== undefined) {
    return toReport(
      await verifyWithWorkers(readPages({ readAll: readAllText }, 0n, pageSize), verifierOptions, onProgress),
    );
  }
  return toReport(await verifyPages(readPages(log, 0n, pageSize), { ...verifierOptions, onProgress }));
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

export function toReport(summary: VerificationSummary, extra: readonly Finding[] = []): VerificationReport {
  const findings = [...summary.findings, ...extra];
  return {
    ...summary,
    findings,
    findingCount: summary.findingCount + extra.length,
    ok: findings.length === 0,
    firstFinding: findings[0] ?? null,
  };
}
