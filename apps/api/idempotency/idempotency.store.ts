/** A command's answer, kept so a retry with the same key gets it again instead of acting twice. */
export interface StoredAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

type Entry =
  | { readonly state: 'in-flight'; readonly fingerprint: string }
  | {
      readonly state: 'done';
      readonly fingerprint: string;
      readonly answer: StoredAnswer;
      readonly expiresAt: number;
    };

export type Claim =
  | { readonly kind: 'new' }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'reused' };

const maxEntries = 10_000;

/**
 * Idempotency records in memory, per caller and key, for a limited time
 * (docs/decisions/0031-idempotency-keys.md says why memory is enough here and what backs it up).
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Claims `key` for a request with this fingerprint, or says what is already known about it. */
  claim(key: string, fingerprint: string): Claim {
    const entry = this.entries.get(key);
    if (entry?.state === 'done' && entry.expiresAt <= this.now()) this.entries.delete(key);
    const live = this.entries.get(key);
    if (!live) {
      this.evictIfFull();
      this.entries.set(key, { state: 'in-flight', fingerprint });
      return { kind: 'new' };
    }
    if (live.fingerprint !== fingerprint) return { kind: 'reused' };
    return live.state === 'done' ? { kind: 'replay', answer: live.answer } : { kind: 'in-flight' };
  }

  complete(key: string, answer: StoredAnswer): void {
    const entry = this.entries.get(key);
    if (entry?.state !== 'in-flight') return;
    this.entries.set(key, {
      state: 'done',
      fingerprint: entry.fingerprint,
      answer,
      expiresAt: this.now() + this.ttlMs,
    });
  }

  /** The request failed: nothing was recorded, so the key is free for a retry. */
  release(key: string): void {
    if (this.entries.get(key)?.state === 'in-flight') this.entries.delete(key);
  }

  private evictIfFull(): void {
    if (this.entries.size < maxEntries) return;
    const now = this.now();
    for (const [key, entry] of this.entries)
      if (entry.state === 'done' && entry.expiresAt <= now) this.entries.delete(key);
    // Still full: drop the oldest answers (a Map iterates in insertion order).
    for (const [key, entry] of this.entries) {
      if (this.entries.size < maxEntries) break;
      if (entry.state === 'done') this.entries.delete(key);
    }
  }
}
