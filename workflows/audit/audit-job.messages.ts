import { defineQuery, defineSignal } from '@temporalio/workflow';
import type {
  AuditJobFilesInput,
  AuditJobInput,
  AuditJobKind,
  AuditJobProgress,
  AuditJobResult,
} from '../../activities/audit-jobs.types';

/** Defined once, imported by the workflow, the worker that reports progress, and the API. */

export type { AuditJobFilesInput, AuditJobInput, AuditJobKind, AuditJobProgress, AuditJobResult };

export const auditJobWorkflowType = 'auditJobWorkflow';

/** One workflow per job; the job's id is a UUID (derived from the caller's Idempotency-Key when given). */
export function auditJobWorkflowId(jobId: string): string {
  return `audit-job-${jobId}`;
}

/** The workflow that deletes a job's files once they have been kept long enough. */
export const auditJobFilesWorkflowType = 'auditJobFilesWorkflow';

export function auditJobFilesWorkflowId(jobId: string): string {
  return `audit-job-files-${jobId}`;
}

/** What the job list shows without loading each job's result: set when the job starts. */
export interface AuditJobMemo {
  readonly kind: AuditJobKind;
  readonly requestedBy: { readonly userId: string; readonly seat: string };
  /** The options as the auditor sent them (a what-if pack by its id). */
  readonly request: Readonly<Record<string, unknown>>;
  /** Method, path and body of the starting request: the same Idempotency-Key with another body is refused. */
  readonly fingerprint: string;
}

/** Sent by the job's activity as it goes. */
export const auditJobProgressSignal = defineSignal<[AuditJobProgress]>('auditJobProgress');

/** Null until the activity first reports. */
export const auditJobProgressQuery = defineQuery<AuditJobProgress | null>('auditJobProgress');
