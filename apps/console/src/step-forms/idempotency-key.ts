/**
 * One key per submission attempt, kept across its retries: a double click or a retry after a network
 * error reaches the API with the same key, which answers it from the first success.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
