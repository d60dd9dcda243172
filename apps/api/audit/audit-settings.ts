import type { AuditJobScheduling } from '../../../infra/audit/audit-jobs-config';

/** What the audit routes need besides the API's own dependencies. */
export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

export interface AuditApiSettings {
  /**
   * Where the worker keeps each job's files (`AUDIT_JOBS_DIR`): the API serves them from there, so it
   * must see the same directory (one machine, or a shared volume).
   */
  readonly jobsDir: string;
  /** The jobs' queue, caps and retention (decision 0077); what is not given takes its default. */
  readonly scheduling?: Partial<AuditJobScheduling>;
}

export interface AuditApiDependencies {
  /** Default: from the environment (infra/audit/audit-jobs-config.ts). */
  readonly audit?: AuditApiSettings;
}
