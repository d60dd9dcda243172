import type { ChainedRecordedEvent } from '../../../infra/event-store/event-store.port';
import { chainHash, contentHash, logHash } from '../../../infra/event-store/event-hash';
import { type Checkpoint, checkpointDigest, checkpointSigningText } from '../../../infra/audit/checkpoint';
import { signText, type TrustedKeys } from '../../../infra/audit/keys';
import { type LogEntry, LogVerifier } from '../../../audit/shared/log-verifier';
import { buildLog, checkpointsOf, firstFormatCheckpointsOf, roundRobin, testSigningKey } from './chained-log';

const key = testSigningKey();
const trusted: TrustedKeys = new Map([[key.keyId, key.publicKey]]);

function verify(entries: readonly LogEntry[], checkpoints: readonly Checkpoint[] = [], keys = trusted) {
  const verifier = new LogVerifier({ gapFreePositions: true, checkpoints, trustedKeys: keys });
  for (const entry of entries) verifier.check(entry);
  return verifier.finish();
}

/** The log with one event replaced (its hashes as stored, unless the change says otherwise). */
function withEvent(
  log: readonly ChainedRecordedEvent[],
  position: number,
  change: (event: ChainedRecordedEvent) => ChainedRecordedEvent,
): ChainedRecordedEvent[] {
  return log.map((event) => (event.globalPosition === BigInt(position) ? change(event) : event));
}

describe('LogVerifier', () => {
  const log = buildLog(roundRobin(40, 4));
  const checkpoints = checkpointsOf(log, [10, 25, 40], key);
  /** The event at `position` as a finding names it. */
  const where = (position: number) => ({
    position: String(position),
    stream: log[position - 1]!.stream,
    streamVersion: log[position - 1]!.streamVersion,
    eventId: log[position - 1]!.id,
  });
  /** The log with the event at `position` rewritten and every stored hash recomputed, as a forger would. */
  const forgedAt = (position: number) =>
    buildLog(
      roundRobin(40, 4).map((spec, i) => (i === position - 1 ? { ...spec, data: { forged: true } } : spec)),
    );
  /** Checkpoints of the second format continuing `first` (sealed up to its position) up to each of `upTo`. */
  const checkpointsAfter = (first: Checkpoint, upTo: readonly number[]): Checkpoint[] =>
    checkpointsOf(log, [Number(first.upToPosition), ...upTo], key)
      .slice(1)
      .reduce<Checkpoint[]>((chained, checkpoint) => {
        const previous = chained.at(-1) ?? first;
        const { signature: _signature, ...body } = {
          ...checkpoint,
          previousCheckpointDigest: checkpointDigest(previous),
        };
        return [...chained, { ...body, signature: signText(key, checkpointSigningText(body)) }];
      }, []);

  it('passes an intact log and every checkpoint', () => {
    const summary = verify(log, checkpoints);

    expect(summary.findings).toEqual([]);
    expect(summary).toMatchObject({
      eventsChecked: 40,
      streams: 4,
      count: 40,
      lastPosition: '40',
      logDigest: log[39]!.logHash,
      checkpointsVerified: 3,
      lastVerifiedCheckpoint: { sequence: 3, upToPosition: '40' },
      entriesAfterLastCheckpoint: 0,
    });
  });

  it('finds changed content at that event, and only there', () => {
    const edited = withEvent(log, 17, (event) => ({ ...event, data: { year: 2018, rating: '优秀' } }));

    const { findings } = verify(edited, checkpoints);

    expect(findings).toEqual([
      expect.objectContaining({
        code: 'CONTENT_MISMATCH',
        ...where(17),
      }),
    ]);
  });

  it('finds a content change whose content hash was rewritten as a broken link at that event', () => {
    const edited = withEvent(log, 17, (event) => {
      const changed = { ...event, data: { rating: '优秀' } };
      return { ...changed, contentHash: contentHash(changed) };
    });

    expect(verify(edited).findings[0]).toMatchObject({ code: 'BROKEN_LINK', position: '17' });
  });

  it('finds a removed event at its position, naming its stream and version', () => {
    const removed = log.filter((event) => event.globalPosition !== 17n);

    const { findings } = verify(removed, checkpoints);

    expect(findings[0]).toMatchObject({
      code: 'POSITION_GAP',
      position: '17',
      stream: log[16]!.stream,
      streamVersion: log[16]!.streamVersion,
    });
    expect(findings.map((finding) => finding.code)).toContain('VERSION_GAP');
  });

  it('finds two events of different streams that swapped positions at the first of them', () => {
    const swapped = log.map((event) => {
      if (event.globalPosition === 6n) return { ...log[8]!, globalPosition: 6n };
      if (event.globalPosition === 9n) return { ...log[5]!, globalPosition: 9n };
      return event;
    });

    const { findings } = verify(swapped);

    expect(findings[0]).toMatchObject({ code: 'POSITION_ORDER', position: '6', stream: log[8]!.stream });
  });

  it('finds two events of one stream that swapped positions at the first of them', () => {
    // town-1 holds positions 2, 6, 10, …
    const swapped = log.map((event) => {
      if (event.globalPosition === 6n) return { ...log[9]!, globalPosition: 6n };
      if (event.globalPosition === 10n) return { ...log[5]!, globalPosition: 10n };
      return event;
    });

    expect(verify(swapped).findings[0]).toMatchObject({
      code: 'POSITION_ORDER',
      position: '6',
      stream: 'town-1',
      streamVersion: 2,
    });
  });

  it('names the first event of a rewrite that recomputed every stored hash, from the sealed prefixes', () => {
    const forged = forgedAt(17);

    const { findings } = verify(forged, checkpoints);

    expect(findings).toEqual([
      expect.objectContaining({
        code: 'EVENT_NOT_AS_SEALED',
        ...where(17),
        expected: log[16]!.logHash!.slice(0, 16),
        actual: forged[16]!.logHash!.slice(0, 16),
      }),
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', position: '25', checkpoint: 2 }),
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', position: '40', checkpoint: 3 }),
    ]);
    expect(findings[0]!.message).toContain('checkpoint 2');
  });

  it('names a rewritten event at the first position a checkpoint seals, and at the last', () => {
    for (const index of [10, 24]) {
      expect(verify(forgedAt(index + 1), checkpoints).findings[0]).toMatchObject({
        code: 'EVENT_NOT_AS_SEALED',
        ...where(index + 1),
      });
    }
  });

  it('catches such a rewrite under checkpoints of the first format at the checkpoint only', () => {
    const forged = forgedAt(17);
    const firstFormat = firstFormatCheckpointsOf(log, [10, 25, 40], key);

    expect(verify(log, firstFormat).findings).toEqual([]);
    expect(verify(forged, firstFormat).findings).toEqual([
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', position: '25', checkpoint: 2 }),
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', position: '40', checkpoint: 3 }),
    ]);
    // A record that went on in the second format names the event again from there on.
    const mixed = [...firstFormat.slice(0, 1), ...checkpointsAfter(firstFormat[0]!, [25, 40])];
    expect(verify(log, mixed).findings).toEqual([]);
    expect(verify(forged, mixed).findings[0]).toMatchObject({ code: 'EVENT_NOT_AS_SEALED', position: '17' });
  });

  it('does not take prefixes from a checkpoint whose signature does not hold', () => {
    const altered = checkpoints.map((checkpoint) =>
      checkpoint.sequence === 2 ? { ...checkpoint, logHashPrefixes: '0'.repeat(16 * 15) } : checkpoint,
    );

    expect(verify(log, altered).findings).toEqual([
      expect.objectContaining({ code: 'BAD_SIGNATURE', checkpoint: 2 }),
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', checkpoint: 3, position: '40' }),
    ]);
  });

  it('finds events removed from the end of the log at the checkpoint that sealed them', () => {
    const { findings } = verify(log.slice(0, 37), checkpoints);

    expect(findings).toEqual([
      expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', position: '40', expected: '40', actual: '37' }),
    ]);
  });

  it('refuses checkpoints signed by an unknown key, with an altered body, or with one removed', () => {
    const stranger = testSigningKey();
    expect(verify(log, checkpointsOf(log, [10], stranger)).findings[0]).toMatchObject({
      code: 'UNKNOWN_KEY',
      checkpoint: 1,
      actual: stranger.keyId,
    });

    const altered = checkpoints.map((checkpoint, i) => (i === 1 ? { ...checkpoint, count: 24 } : checkpoint));
    expect(verify(log, altered).findings[0]).toMatchObject({
      code: 'BAD_SIGNATURE',
      checkpoint: 2,
      position: '25',
    });

    const withoutSecond = [checkpoints[0]!, checkpoints[2]!];
    expect(verify(log, withoutSecond).findings[0]).toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
      checkpoint: 3,
      position: '40',
    });
  });

  it('checks the log hash chain through redacted entries', () => {
    const redacted = log.map((event) =>
      event.stream === 'town-2'
        ? event
        : {
            redacted: true as const,
            globalPosition: event.globalPosition,
            chainHash: event.chainHash,
            logHash: event.logHash,
          },
    );
    expect(verify(redacted, checkpoints)).toMatchObject({
      findings: [],
      eventsChecked: 10,
      redactedChecked: 30,
    });

    const swappedChain = redacted.map((entry, i) =>
      i === 4 ? { ...entry, chainHash: log[0]!.chainHash } : entry,
    );
    expect(verify(swappedChain).findings[0]).toMatchObject({ code: 'POSITION_ORDER', position: '5' });
  });

  it('uses the same hashes the store writes', () => {
    const [first, second] = buildLog([{ stream: 's' }, { stream: 's' }]);
    expect(second!.chainHash).toBe(chainHash(first!.chainHash, second!.contentHash));
    expect(second!.logHash).toBe(logHash(first!.logHash!, 2n, second!.chainHash));
  });
});
