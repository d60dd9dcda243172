import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { validationProblem, type FieldProblem } from '../errors/problem';

/** Printable ASCII without spaces, as most clients generate (UUIDs, ULIDs, hashes). */
const acceptableKey = /^[\x21-\x7e]{1,255}$/;

/** What is wrong with an `Idempotency-Key` header, if anything (none sent is nothing wrong). */
export function idempotencyKeyProblem(header: string | undefined): FieldProblem | undefined {
  if (header === undefined || acceptableKey.test(header)) return undefined;
  return {
    field: 'header:Idempotency-Key',
    code: 'INVALID_IDEMPOTENCY_KEY',
    message: 'Idempotency-Key must be 1–255 printable ASCII characters without spaces',
  };
}

/** The `Idempotency-Key` header, checked; undefined when the caller sent none. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  const problem = idempotencyKeyProblem(header);
  if (problem) throw validationProblem([problem]);
  return header;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Which request this is: method, path and body in canonical JSON (so key order does not matter). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return sha256(`${method.toUpperCase()} ${path}\n${canonicalize(body ?? null) ?? ''}`);
}

/** One key space per caller: two officials who pick the same key never see each other's answers. */
export function idempotencyScope(userId: string, key: string): string {
  return `${userId.length}:${userId}:${key}`;
}

/**
 * A UUID (version 8, "custom") derived from the caller and key, so a retried command names the same
 * town and the same command even if this process has forgotten the first attempt.
 */
export function uuidFromKey(purpose: string, scope: string): string {
  const bytes = Buffer.from(sha256(`${purpose}\n${scope}`).slice(0, 32), 'hex');
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
