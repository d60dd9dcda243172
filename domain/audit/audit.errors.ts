/**
 * Failures of the audit tools themselves (a missing key, an unreadable checkpoint file, a bundle that is
 * not one), as opposed to what verification finds in the log, which is a finding in a report
 * (findings.ts), not an exception.
 */
export type AuditErrorCode =
  | 'AUDIT_CONFIG_INVALID'
  | 'AUDIT_KEY_MISSING'
  | 'AUDIT_KEYS_MISSING'
  | 'AUDIT_KEY_INVALID'
  | 'AUDIT_KEY_EXISTS'
  | 'CHECKPOINT_FILE_INVALID'
  | 'CHECKPOINT_REFUSED'
  | 'STORE_NOT_CHAINED'
  | 'BUNDLE_INVALID'
  | 'BUNDLE_EXISTS'
  | 'INSTANT_INVALID'
  | 'TOWN_NOT_FOUND'
  | 'STATE_FOLD_FAILED'
  | 'VERIFY_WORKER_FAILED';

export class AuditError extends Error {
  constructor(
    readonly code: AuditErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AuditError';
  }
}
