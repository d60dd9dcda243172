import type { Principal } from '../../../infra/auth/principal';
import { VerifiedTokenCache } from '../../../infra/auth/verified-token-cache';

const principal = (userId: string): Principal => ({ userId, seat: 'auditor' });

describe('the verified-token cache', () => {
  it('gives back a remembered principal before its end, and nothing from its end on', () => {
    const cache = new VerifiedTokenCache(10);
    cache.remember('t1', principal('u1'), 2_000);
    expect(cache.principalOf('t1', 1_999)).toEqual(principal('u1'));
    expect(cache.principalOf('t1', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.principalOf('t2', 0)).toBeUndefined();
  });

  it('forgets the least recently used token first when full', () => {
    const cache = new VerifiedTokenCache(2);
    cache.remember('t1', principal('u1'), 10_000);
    cache.remember('t2', principal('u2'), 10_000);
    expect(cache.principalOf('t1', 0)).toEqual(principal('u1'));
    cache.remember('t3', principal('u3'), 10_000);
    expect(cache.size).toBe(2);
    expect(cache.principalOf('t2', 0)).toBeUndefined();
    expect(cache.principalOf('t1', 0)).toEqual(principal('u1'));
    expect(cache.principalOf('t3', 0)).toEqual(principal('u3'));
  });

  it('keeps nothing with no capacity', () => {
    const cache = new VerifiedTokenCache(0);
    cache.remember('t1', principal('u1'), 10_000);
    expect(cache.principalOf('t1', 0)).toBeUndefined();
  });
});
