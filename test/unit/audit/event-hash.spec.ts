import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import {
  canonicalContent,
  chainHash,
  contentHash,
  GENESIS_HASH,
  logHash,
  prepareEvent,
} from '../../../infra/event-store/event-hash';
import { traceparentOf, withTraceparent } from '../../../infra/event-store/event-trace';
import { townHistory } from './town-history';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('event hashes', () => {
  const [event] = townHistory('t-1', '麻山汽车风情小镇', 'recommended');
  const stored = { ...event!, stream: 'town-t-1', streamVersion: 7 };

  it('hashes the RFC 8785 form of exactly the seven content fields', () => {
    const expected = canonicalize({
      id: stored.id,
      stream: stored.stream,
      streamVersion: stored.streamVersion,
      type: stored.type,
      data: stored.data,
      metadata: stored.metadata,
      occurredAt: stored.occurredAt,
    });
    expect(
      canonicalContent({ ...stored, recordedAt: 'not hashed', globalPosition: 99n } as typeof stored),
    ).toBe(expected);
    expect(contentHash(stored)).toBe(sha256(expected!));
  });

  it("leaves the append's traceparent out of the content hash, and keeps it in the stored metadata", () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const traced = { ...stored, metadata: withTraceparent(stored.metadata, traceparent) };
    expect(canonicalContent(traced)).toBe(canonicalContent(stored));
    expect(contentHash(traced)).toBe(contentHash(stored));
    const prepared = prepareEvent(stored.stream, traced);
    expect(`${prepared.head}${stored.streamVersion}${prepared.tail}`).toBe(canonicalContent(stored));
    expect(traceparentOf(prepared.metadata)).toBe(traceparent);
    // Anything else added to the metadata is content, as before.
    expect(contentHash({ ...stored, metadata: { ...stored.metadata, requestId: 'r-2' } })).not.toBe(
      contentHash(stored),
    );
  });

  it('links by hashing the hex text of the previous hash and the new one', () => {
    const content = contentHash(stored);
    expect(chainHash(GENESIS_HASH, content)).toBe(sha256(`${'0'.repeat(64)}${content}`));
    expect(logHash(GENESIS_HASH, 12n, content)).toBe(sha256(`${'0'.repeat(64)}12${content}`));
  });

  it('splits the content around the stream version so that the database can finish it', () => {
    for (const version of [0, 7, 2_147_483_647]) {
      const prepared = prepareEvent('town-t-1', event!);
      expect(`${prepared.head}${version}${prepared.tail}`).toBe(
        canonicalContent({ ...stored, streamVersion: version }),
      );
    }
  });

  it('prepares what the store will give back: data null for none, occurredAt as toISOString gives it', () => {
    const prepared = prepareEvent('s', {
      ...event!,
      data: undefined,
      occurredAt: '2018-01-01T08:00:00+08:00',
    });
    expect(prepared.data).toBeNull();
    expect(prepared.occurredAt).toBe('2018-01-01T00:00:00.000Z');
    expect(`${prepared.head}0${prepared.tail}`).toContain('"data":null');
    expect(() => prepareEvent('s', { ...event!, occurredAt: 'tomorrow' })).toThrow(/not an instant/);
    expect(() => prepareEvent('s', { ...event!, data: { n: 1n } })).toThrow(/cannot be stored as JSON/);
  });
});
