/** The "previous hash" of a stream's first event (infra/event-store/event-hash.ts, decision 0020). */
export const genesisHash = '0'.repeat(64);

export type LinkCheck = 'linked' | 'broken' | 'unchecked';

interface ChainedEvent {
  readonly contentHash: string;
  readonly chainHash: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Each event's chain link recomputed in the browser: SHA-256 of the previous chain hash and this content
 * hash, as hex text, exactly as `printf '%s%s' "$previous" "$content" | sha256sum` gives it. The auditor
 * sees the links hold without trusting the page's server to have said so. Web Crypto exists only in a
 * secure context (HTTPS or localhost): elsewhere the links are shown unchecked, never as holding.
 */
export async function checkChainLinks(events: readonly ChainedEvent[]): Promise<LinkCheck[]> {
  if (typeof crypto === 'undefined' || crypto.subtle === undefined) return events.map(() => 'unchecked');
  const checks: LinkCheck[] = [];
  let previous = genesisHash;
  for (const event of events) {
    const link = await sha256Hex(previous + event.contentHash);
    checks.push(link === event.chainHash ? 'linked' : 'broken');
    previous = event.chainHash;
  }
  return checks;
}
