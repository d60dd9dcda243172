import {
  idempotencyKeyOf,
  idempotencyScope,
  requestFingerprint,
  uuidFromKey,
} from '../../../apps/api/idempotency/idempotency-key';
import { IdempotencyStore } from '../../../apps/api/idempotency/idempotency.store';
import { ProblemException } from '../../../apps/api/errors/problem';

describe('idempotency records', () => {
  let now = 0;
  const store = () => new IdempotencyStore(1_000, () => now);
  const answer = { status: 201, body: { townId: 't1' }, headers: { location: '/api/towns/t1' } };

  beforeEach(() => {
    now = 0;
  });

  it('claims a new key, replays the answer for the same request, refuses it for another', () => {
    const records = store();
    expect(records.claim('u1:k', 'fp-a')).toEqual({ kind: 'new' });
    expect(records.claim('u1:k', 'fp-a')).toEqual({ kind: 'in-flight' });
    records.complete('u1:k', answer);
    expect(records.claim('u1:k', 'fp-a')).toEqual({ kind: 'replay', answer });
    expect(records.claim('u1:k', 'fp-b')).toEqual({ kind: 'reused' });
  });

  it('frees a key whose request failed, and forgets answers after their time', () => {
    const records = store();
    records.claim('k1', 'fp');
    records.release('k1');
    expect(records.claim('k1', 'fp-other')).toEqual({ kind: 'new' });
    records.complete('k1', answer);
    records.release('k1');
    now = 999;
    expect(records.claim('k1', 'fp-other')).toEqual({ kind: 'replay', answer });
    now = 1_000;
    expect(records.claim('k1', 'fp-third')).toEqual({ kind: 'new' });
  });

  it('fingerprints the request, not the order of its JSON keys', () => {
    expect(requestFingerprint('post', '/api/towns', { a: 1, b: [1, 2] })).toBe(
      requestFingerprint('POST', '/api/towns', { b: [1, 2], a: 1 }),
    );
    expect(requestFingerprint('POST', '/api/towns', { a: 1 })).not.toBe(
      requestFingerprint('POST', '/api/towns', { a: 2 }),
    );
    expect(requestFingerprint('POST', '/api/towns', { a: 1 })).not.toBe(
      requestFingerprint('POST', '/api/other', { a: 1 }),
    );
  });

  it('derives the same UUID and Update id from the same caller and key, and others from others', () => {
    const scope = idempotencyScope('u1', 'key-1');
    expect(uuidFromKey('town', scope)).toBe(uuidFromKey('town', scope));
    expect(uuidFromKey('town', scope)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(uuidFromKey('town', idempotencyScope('u2', 'key-1'))).not.toBe(uuidFromKey('town', scope));
    // A user id ending in the key's first characters cannot collide with another user's scope.
    expect(idempotencyScope('u1:a', 'b')).not.toBe(idempotencyScope('u1', 'a:b'));
    // Town ids are minted per programme: one key never names the same town in two programmes.
    expect(uuidFromKey('town p1', scope)).not.toBe(uuidFromKey('town p2', scope));
  });

  it('accepts printable keys and names the header when a key is not', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('0f8b1c9e-3d7a-4b0e-9a51-1b2c3d4e5f60')).toBe(
      '0f8b1c9e-3d7a-4b0e-9a51-1b2c3d4e5f60',
    );
    for (const bad of ['', 'with space', 'x'.repeat(256), 'ключ']) {
      expect(() => idempotencyKeyOf(bad)).toThrow(ProblemException);
    }
  });
});
