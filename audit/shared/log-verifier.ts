/**
 * The verification engine: fed the log entry by entry in global order, it recomputes every hash and
 * compares it with what was stored and what was signed. No I/O here: the same engine checks a live
 * store, an offline bundle and the range a checkpointer is about to seal.
 *
 * Each check compares an entry with what its predecessor *stored* (not with what verification
 * recomputed), so one tampered event gives a finding at that event rather than at every event after it.
 * The running digest the checkpoints are compared with is recomputed from the genesis, so a log whose
 * stored hashes were all rewritten consistently still fails at its first checkpoint.
 */
import type { ChainedRecordedEvent } from '../../infra/event-store/event-store.port';
import { chainHash, contentHash, GENESIS_HASH, logHash } from '../../infra/event-store/event-hash';
import {
  type Checkpoint,
  checkCheckpointSignature,
  checkpointDigest,
  logHashPrefix,
  NO_PREVIOUS_CHECKPOINT,
  sealedPrefixAt,
} from '../../infra/audit/checkpoint';
import { type Finding, type FindingCode, findingCatalogue } from '../../domain/audit/findings';
import type { TrustedKeys } from '../../infra/audit/keys';

/**
 * An event whose content is withheld (a town's bundle carries only the town's own events), with what the
 * log's chain needs: where it stood and its chain hash.
 */
export interface RedactedEntry {
  readonly redacted: true;
  readonly globalPosition: bigint;
  readonly chainHash: string;
  readonly logHash?: string;
}

export type LogEntry = ChainedRecordedEvent | RedactedEntry;

/** What every check but the content hash needs of an event. */
export type EventLinks = Pick<
  ChainedRecordedEvent,
  'globalPosition' | 'id' | 'stream' | 'streamVersion' | 'type' | 'contentHash' | 'chainHash' | 'logHash'
>;

export type LinkEntry = EventLinks | RedactedEntry;

export function isRedacted(entry: LinkEntry): entry is RedactedEntry {
  return 'redacted' in entry;
}

/** Where a verification starts: the genesis, or a position already sealed by a checkpoint. */
export interface LogStart {
  readonly afterPosition: bigint;
  readonly logDigest: string;
  readonly count: number;
}

export const GENESIS: LogStart = { afterPosition: 0n, logDigest: GENESIS_HASH, count: 0 };

/** The last event seen of a stream. */
export interface StreamTip {
  readonly version: number;
  readonly chainHash: string;
  readonly position: bigint;
}

export interface LogVerifierOptions {
  /** The SQL stores number the log 1, 2, 3, …: a missing number is a removed event (decision 0002). */
  readonly gapFreePositions: boolean;
  readonly checkpoints: readonly Checkpoint[];
  readonly trustedKeys: TrustedKeys;
  readonly start?: LogStart;
  /** Findings kept in the report; later ones are only counted. Default 100. */
  readonly maxFindings?: number;
}

export interface VerificationSummary {
  readonly entriesChecked: number;
  readonly eventsChecked: number;
  readonly redactedChecked: number;
  readonly streams: number;
  /** Position of the last entry (decimal), or of the start when there was none. */
  readonly lastPosition: string;
  /** Events in the log up to `lastPosition`, counted from the genesis. */
  readonly count: number;
  /** The log hash at `lastPosition`, recomputed from the genesis (or from the start). */
  readonly logDigest: string;
  readonly checkpointsChecked: number;
  readonly checkpointsVerified: number;
  readonly lastVerifiedCheckpoint: { readonly sequence: number; readonly upToPosition: string } | null;
  /** Entries after the last checkpoint: vouched for by their hashes only, not yet by a signature. */
  readonly entriesAfterLastCheckpoint: number;
  readonly findingCount: number;
  /** In log order; the first is the first place the log stops agreeing with what was recorded. */
  readonly findings: readonly Finding[];
}

interface Recorded {
  readonly finding: Finding;
  readonly order: bigint;
  /** For a stream that skips exactly one version: where the stream's previous event stood. */
  readonly singleVersionGapAfter?: bigint;
}

interface PendingCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly upTo: bigint;
  /** Events sealed before it (by the checkpoint before it in the record): where its prefixes start. */
  readonly afterCount: number;
  /** What is wrong with the checkpoint itself (signature, chain), found before reading the log. */
  readonly defect: Finding | undefined;
}

export class LogVerifier {
  private readonly gapFree: boolean;
  private readonly maxFindings: number;
  /** Updated in place for every event: the hot path allocates nothing per stream. */
  private readonly streams = new Map<string, { version: number; chainHash: string; position: bigint }>();
  private readonly pending: PendingCheckpoint[];
  private readonly found: Recorded[] = [];
  private findingTotal = 0;

  private lastPosition: bigint;
  private runningDigest: string;
  /** The previous entry's stored log hash, for the local check; undefined when it stored none. */
  private previousStoredLog: string | undefined;
  private previousLogBroken = false;
  private count: number;
  private entries = 0;
  private events = 0;
  private redacted = 0;
  private checkpointsChecked = 0;
  private checkpointsVerified = 0;
  private lastVerified: Checkpoint | undefined;
  private entriesSinceVerified = 0;
  /** Set at the first event whose log hash differs from the prefix sealed for it: later ones all do. */
  private departedFromSealed = false;

  constructor(options: LogVerifierOptions) {
    const start = options.start ?? GENESIS;
    this.gapFree = options.gapFreePositions;
    this.maxFindings = options.maxFindings ?? 100;
    this.lastPosition = start.afterPosition;
    this.runningDigest = start.logDigest;
    this.previousStoredLog = start.logDigest;
    this.count = start.count;
    this.pending = checkpointsToCheck(options.checkpoints, options.trustedKeys);
  }

  /** Whether the stream's previous event is unknown, so that its link cannot be checked yet. */
  needsTip(event: ChainedRecordedEvent): boolean {
    return event.streamVersion > 0 && !this.streams.has(event.stream);
  }

  /** The last event of a stream before the start (a checkpointer starting after a checkpoint). */
  knowTip(stream: string, tip: StreamTip): void {
    if (!this.streams.has(stream)) this.streams.set(stream, { ...tip });
  }

  get findingCount(): number {
    return this.findingTotal;
  }

  /** Where the log checked so far ends, what it counts and its running digest: what a checkpoint seals. */
  get head(): LogStart {
    return { afterPosition: this.lastPosition, logDigest: this.runningDigest, count: this.count };
  }

  check(entry: LogEntry): void {
    if (!isRedacted(entry)) this.checkContent(entry);
    this.checkLinks(entry);
  }

  /**
   * Every check but the content hash, for a caller that checks content hashes elsewhere (in parallel,
   * infra/audit/content-check-pool.ts) and reports mismatches with `contentMismatch`.
   */
  checkLinks(entry: LinkEntry): void {
    const position = entry.globalPosition;
    this.checkPosition(entry);
    this.settleCheckpointsBefore(position);
    // At one position, a moved event is reported as moved before what follows from it (a version out of
    // order in its stream), so the log hash is checked before the stream.
    this.checkLogHash(entry);
    if (isRedacted(entry)) {
      this.redacted += 1;
    } else {
      this.events += 1;
      this.checkStream(entry);
    }
    if (position > this.lastPosition) this.lastPosition = position;
    this.count += 1;
    this.entries += 1;
    this.entriesSinceVerified += 1;
    this.compareWithSealedPrefix(entry);
    this.settleCheckpointsUpTo(position);
  }

  finish(): VerificationSummary {
    for (const entry of this.pending.splice(0)) this.settle(entry, true);
    const ordered = nameMissingEvents([...this.found].sort(inLogOrder));
    return {
      entriesChecked: this.entries,
      eventsChecked: this.events,
      redactedChecked: this.redacted,
      streams: this.streams.size,
      lastPosition: this.lastPosition.toString(),
      count: this.count,
      logDigest: this.runningDigest,
      checkpointsChecked: this.checkpointsChecked,
      checkpointsVerified: this.checkpointsVerified,
      lastVerifiedCheckpoint:
        this.lastVerified === undefined
          ? null
          : { sequence: this.lastVerified.sequence, upToPosition: this.lastVerified.upToPosition },
      entriesAfterLastCheckpoint: this.entriesSinceVerified,
      findingCount: this.findingTotal,
      findings: ordered,
    };
  }

  private checkPosition(entry: LinkEntry): void {
    const position = entry.globalPosition;
    if (position <= this.lastPosition) {
      this.report('POSITION_ORDER', entry, {
        expected: `> ${this.lastPosition}`,
        actual: position.toString(),
        message: `Position ${position} comes after position ${this.lastPosition}`,
      });
    } else if (this.gapFree && position !== this.lastPosition + 1n) {
      const missing = this.lastPosition + 1n;
      this.report('POSITION_GAP', undefined, {
        position: missing,
        expected: missing.toString(),
        actual: position.toString(),
        message:
          position === missing + 1n
            ? `No event at position ${missing}: the log goes from ${this.lastPosition} to ${position}`
            : `No events at positions ${missing} to ${position - 1n}: the log goes from ${this.lastPosition} to ${position}`,
      });
    }
  }

  private checkContent(event: ChainedRecordedEvent): void {
    const recomputed = contentHash(event);
    if (recomputed !== event.contentHash) this.contentMismatch(event, recomputed);
  }

  contentMismatch(event: EventLinks, recomputed: string): void {
    this.report('CONTENT_MISMATCH', event, {
      expected: event.contentHash,
      actual: recomputed,
      message: `${event.stream} version ${event.streamVersion} (${event.type}) is not the content its hash was recorded for`,
    });
  }

  private checkStream(event: EventLinks): void {
    const tip = this.streams.get(event.stream);
    const expectedVersion = tip === undefined ? 0 : tip.version + 1;
    if (event.streamVersion > expectedVersion) {
      this.report(
        'VERSION_GAP',
        event,
        {
          expected: String(expectedVersion),
          actual: String(event.streamVersion),
          message:
            tip === undefined
              ? `${event.stream} starts at version ${event.streamVersion}: versions 0 to ${event.streamVersion - 1} are missing`
              : `${event.stream} goes from version ${tip.version} to ${event.streamVersion}: version ${expectedVersion} is missing`,
        },
        event.streamVersion === expectedVersion + 1 ? (tip?.position ?? 0n) : undefined,
      );
    } else if (event.streamVersion < expectedVersion) {
      this.report('POSITION_ORDER', event, {
        expected: String(expectedVersion),
        actual: String(event.streamVersion),
        message: `${event.stream} version ${event.streamVersion} comes after version ${expectedVersion - 1} in the log`,
      });
      return;
    } else {
      const link = chainHash(tip?.chainHash ?? GENESIS_HASH, event.contentHash);
      if (link !== event.chainHash) {
        this.report('BROKEN_LINK', event, {
          expected: link,
          actual: event.chainHash,
          message: `${event.stream} version ${event.streamVersion} does not follow from ${
            tip === undefined ? 'the start of the stream' : `version ${tip.version}`
          }`,
        });
      }
    }
    if (tip === undefined) {
      this.streams.set(event.stream, {
        version: event.streamVersion,
        chainHash: event.chainHash,
        position: event.globalPosition,
      });
    } else {
      tip.version = event.streamVersion;
      tip.chainHash = event.chainHash;
      tip.position = event.globalPosition;
    }
  }

  /**
   * The stored log hash must follow from the previous entry's stored one (local, so a moved event is
   * reported where it stands, and a run of broken log hashes once, where it starts); the running digest
   * continues from the recomputed one, for the checkpoints.
   */
  private checkLogHash(entry: LinkEntry): void {
    const position = entry.globalPosition;
    const previousRunning = this.runningDigest;
    this.runningDigest = logHash(previousRunning, position, entry.chainHash);
    const stored = entry.logHash;
    if (stored === undefined) {
      this.previousStoredLog = undefined;
      this.previousLogBroken = false;
      return;
    }
    const previousStored = this.previousStoredLog;
    const expected =
      previousStored === undefined || previousStored === previousRunning
        ? this.runningDigest
        : logHash(previousStored, position, entry.chainHash);
    const broken = expected !== stored;
    if (broken && !this.previousLogBroken) {
      this.report('POSITION_ORDER', entry, {
        expected,
        actual: stored,
        message:
          `The event at position ${position} is not the one the log recorded there: its log hash does not ` +
          'follow from the entries before it (it was moved, or its hashes were rewritten)',
      });
    }
    this.previousStoredLog = stored;
    this.previousLogBroken = broken;
  }

  /**
   * The running digest recomputed from the genesis against the prefix the checkpoint sealing this entry
   * recorded for it (decision 0074). Every entry before agreed, so the first that does not is where the
   * log departs from what was signed — also when every stored hash was recomputed consistently, which the
   * other checks cannot see. The digest never agrees again after that, so it is reported once.
   */
  private compareWithSealedPrefix(entry: LinkEntry): void {
    const sealing = this.pending[0];
    if (this.departedFromSealed || sealing === undefined || sealing.defect !== undefined) return;
    const sealed = sealedPrefixAt(sealing.checkpoint, this.count - sealing.afterCount - 1);
    if (sealed === undefined) return;
    const actual = logHashPrefix(this.runningDigest);
    if (actual === sealed) return;
    this.departedFromSealed = true;
    const { checkpoint } = sealing;
    this.report('EVENT_NOT_AS_SEALED', entry, {
      expected: sealed,
      actual,
      message:
        `The event at position ${entry.globalPosition} is not the one checkpoint ${checkpoint.sequence} ` +
        `(made ${checkpoint.createdAt}) sealed as the log's event number ${this.count}: it was rewritten ` +
        '(with its hashes recomputed), moved, or an event before it was removed or inserted',
    });
  }

  private settleCheckpointsBefore(position: bigint): void {
    while (this.pending[0] !== undefined && this.pending[0].upTo < position) {
      this.settle(this.pending.shift()!);
    }
  }

  private settleCheckpointsUpTo(position: bigint): void {
    while (this.pending[0] !== undefined && this.pending[0].upTo <= position) {
      this.settle(this.pending.shift()!);
    }
  }

  private settle(entry: PendingCheckpoint, atEnd = false): void {
    const { checkpoint, upTo, defect } = entry;
    this.checkpointsChecked += 1;
    if (defect !== undefined) {
      this.record(defect, upTo);
      return;
    }
    const sealed = `checkpoint ${checkpoint.sequence} (up to position ${upTo}, made ${checkpoint.createdAt})`;
    let problem: { expected: string; actual: string; message: string } | undefined;
    if (this.lastPosition !== upTo) {
      problem =
        atEnd && this.lastPosition < upTo
          ? {
              expected: upTo.toString(),
              actual: this.lastPosition.toString(),
              message: `The log ends at position ${this.lastPosition}, before the end of ${sealed}: events were removed`,
            }
          : {
              expected: upTo.toString(),
              actual: this.lastPosition.toString(),
              message: `There is no event at position ${upTo}, where ${sealed} ends`,
            };
    } else if (this.count !== checkpoint.count) {
      problem = {
        expected: String(checkpoint.count),
        actual: String(this.count),
        message: `The log holds ${this.count} events up to position ${upTo}; ${sealed} sealed ${checkpoint.count}`,
      };
    } else if (this.runningDigest !== checkpoint.logDigest) {
      problem = {
        expected: checkpoint.logDigest,
        actual: this.runningDigest,
        message: `The events up to position ${upTo} are not the ones ${sealed} sealed`,
      };
    }
    if (problem === undefined) {
      this.checkpointsVerified += 1;
      this.lastVerified = checkpoint;
      this.entriesSinceVerified = 0;
      return;
    }
    this.record(
      {
        code: 'CHECKPOINT_MISMATCH',
        position: upTo.toString(),
        checkpoint: checkpoint.sequence,
        ...problem,
      },
      upTo,
    );
  }

  private report(
    code: FindingCode,
    entry: LinkEntry | undefined,
    details: { position?: bigint; expected?: string; actual?: string; message: string },
    singleVersionGapAfter?: bigint,
  ): void {
    const position = details.position ?? entry?.globalPosition;
    const event = entry !== undefined && !isRedacted(entry) ? entry : undefined;
    this.record(
      {
        code,
        position: position === undefined ? null : position.toString(),
        ...(event === undefined
          ? {}
          : { stream: event.stream, streamVersion: event.streamVersion, eventId: event.id }),
        ...(details.expected === undefined ? {} : { expected: details.expected }),
        ...(details.actual === undefined ? {} : { actual: details.actual }),
        message: details.message,
      },
      position ?? 0n,
      singleVersionGapAfter,
    );
  }

  private record(finding: Finding, order: bigint, singleVersionGapAfter?: bigint): void {
    this.findingTotal += 1;
    if (this.found.length < this.maxFindings) {
      this.found.push(
        singleVersionGapAfter === undefined ? { finding, order } : { finding, order, singleVersionGapAfter },
      );
    }
  }
}

/**
 * By position; at one position, what is wrong with the event itself before what follows from it. (Content
 * hashes checked in parallel are reported late, so the order of reporting cannot be relied on.)
 */
function inLogOrder(a: Recorded, b: Recorded): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return RANK[a.finding.code] - RANK[b.finding.code];
}

const RANK: Readonly<Record<FindingCode, number>> = {
  CONTENT_MISMATCH: 0,
  POSITION_GAP: 1,
  POSITION_ORDER: 2,
  EVENT_NOT_AS_SEALED: 2,
  BROKEN_LINK: 3,
  VERSION_GAP: 3,
  CHECKPOINT_MISMATCH: 4,
  CHECKPOINT_SCHEMA_MISMATCH: 4,
  BAD_SIGNATURE: 4,
  UNKNOWN_KEY: 4,
  BUNDLE_MISMATCH: 5,
  MALFORMED_ENTRY: 5,
};

/**
 * A removed event leaves two traces: a missing position, and a stream that skips a version further on.
 * Where one position is missing and a later stream skips exactly one version whose previous event stood
 * before that position, the finding for the position names the stream and version it must have held.
 */
function nameMissingEvents(recorded: readonly Recorded[]): Finding[] {
  const used = new Set<Recorded>();
  return recorded.map((item) => {
    const { finding } = item;
    if (finding.code !== 'POSITION_GAP' || finding.position === null || finding.expected === undefined) {
      return finding;
    }
    const missing = BigInt(finding.position);
    if (finding.actual !== (missing + 1n).toString()) return finding;
    const gap = recorded.find(
      (other) =>
        !used.has(other) &&
        other.singleVersionGapAfter !== undefined &&
        other.singleVersionGapAfter < missing &&
        other.order > missing,
    );
    if (gap?.finding.stream === undefined || gap.finding.expected === undefined) return finding;
    used.add(gap);
    const streamVersion = Number(gap.finding.expected);
    return {
      ...finding,
      stream: gap.finding.stream,
      streamVersion,
      message: `${finding.message}; it held ${gap.finding.stream} version ${streamVersion}, which that stream skips at position ${gap.order}`,
    };
  });
}

/** What is wrong with the checkpoints themselves, without reading the log: signatures and their chain. */
export function checkpointDefects(checkpoints: readonly Checkpoint[], keys: TrustedKeys): Finding[] {
  return checkpointsToCheck(checkpoints, keys).flatMap((entry) =>
    entry.defect === undefined ? [] : [entry.defect],
  );
}

/** Checks what can be checked of each checkpoint before reading the log: its signature and its chain. */
function checkpointsToCheck(checkpoints: readonly Checkpoint[], keys: TrustedKeys): PendingCheckpoint[] {
  let previous: Checkpoint | undefined;
  return checkpoints.map((checkpoint, index) => {
    const upTo = BigInt(checkpoint.upToPosition);
    const defect = checkpointDefect(checkpoint, index, previous, keys);
    const afterCount = previous?.count ?? 0;
    previous = checkpoint;
    return { checkpoint, upTo, afterCount, defect };
  });
}

function checkpointDefect(
  checkpoint: Checkpoint,
  index: number,
  previous: Checkpoint | undefined,
  keys: TrustedKeys,
): Finding | undefined {
  const base = { position: checkpoint.upToPosition, checkpoint: checkpoint.sequence };
  const signature = checkCheckpointSignature(checkpoint, keys);
  if (signature === 'unknown-key') {
    return {
      ...base,
      code: 'UNKNOWN_KEY',
      actual: checkpoint.keyId,
      message: `Checkpoint ${checkpoint.sequence} is signed with key ${checkpoint.keyId}, which is not trusted: ${findingCatalogue.UNKNOWN_KEY.en}`,
    };
  }
  if (signature === 'bad-signature') {
    return {
      ...base,
      code: 'BAD_SIGNATURE',
      message: `Checkpoint ${checkpoint.sequence} does not carry a valid signature of key ${checkpoint.keyId}: it was altered or forged`,
    };
  }
  const follows = previous === undefined ? NO_PREVIOUS_CHECKPOINT : checkpointDigest(previous);
  if (checkpoint.sequence !== index + 1 || checkpoint.previousCheckpointDigest !== follows) {
    return {
      ...base,
      code: 'CHECKPOINT_MISMATCH',
      expected: follows,
      actual: checkpoint.previousCheckpointDigest,
      message: `Checkpoint ${checkpoint.sequence} does not follow checkpoint ${previous?.sequence ?? 'none'}: a checkpoint was removed, reordered or replaced`,
    };
  }
  if (previous !== undefined && BigInt(checkpoint.upToPosition) < BigInt(previous.upToPosition)) {
    return {
      ...base,
      code: 'CHECKPOINT_MISMATCH',
      message: `Checkpoint ${checkpoint.sequence} seals less of the log than checkpoint ${previous.sequence}`,
    };
  }
  return undefined;
}
