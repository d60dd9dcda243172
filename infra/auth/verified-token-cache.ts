import type { Principal } from './principal';

/**
 * Tokens this verifier has already verified, by their exact text, with the principal they carry and the
 * instant they stop being accepted. An official sends the same token with every request for its whole
 * life, and checking its signature again each time was most of authentication's cost. A hit stands for
 * exactly the bytes verified before, by the same key, issuer, audience and pack (one cache per
 * verifier), so it is as strong as verifying them again; expiry is still checked on every hit.
 * Bounded: the least recently used token is forgotten first, and a forgotten one is simply verified again.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { readonly principal: Principal; readonly untilMs: number }>();

  constructor(private readonly capacity: number) {}

  /** The principal of a token verified before and still within its lifetime at `nowMs`. */
  principalOf(token: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    this.entries.delete(token);
    if (nowMs >= entry.untilMs) return undefined;
    // Insertion order is recency: the token moves to the end.
    this.entries.set(token, entry);
    return entry.principal;
  }

  /** Keeps a token just verified, accepted until `untilMs` (its expiry with the clock tolerance). */
  remember(token: string, principal: Principal, untilMs: number): void {
    if (this.capacity <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, { principal, untilMs });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
