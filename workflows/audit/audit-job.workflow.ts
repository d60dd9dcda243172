import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { AuditJobActivities } from '../../activities/audit-jobs.activities';
import {
  auditJobProgressQuery,
  auditJobProgressSignal,
  type AuditJobInput,
  type AuditJobProgress,
  type AuditJobResult,
} from './audit-job.messages';
import { laterProgress } from './audit-job.progress';

/**
 * A job reads the whole log or every history: hours are allowed, and a heartbeat every minute shows it
 * is alive. Outages are retried a few times from the start (a job keeps no partial state); the job's
 * own failures (a missing key, an unknown workflow) are not retried at all.
 */
const { runAuditJob } = proxyActivities<AuditJobActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 3,
  },
});

/**
 * One auditor's job (verify, replay, re-decide, export), polled over HTTP: the query answers how far it
 * has come while it runs; the result is its report once done. It never writes to the event store.
 */
export async function auditJobWorkflow(input: AuditJobInput): Promise<AuditJobResult> {
  let progress: AuditJobProgress | null = null;
  setHandler(auditJobProgressSignal, (next) => {
    progress = laterProgress(progress, next);
  });
  setHandler(auditJobProgressQuery, () => progress);
  return runAuditJob(input);
}
