import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { AuditJobActivities } from '../../activities/audit-jobs.activities';
import {
  type AuditJobFilesInput,
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

const { removeAuditJobFiles } = proxyActivities<AuditJobActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

/**
 * Keeps a finished job's files for their retention (a durable timer), then deletes its directory. Its own
 * workflow, started by the job's activity once the files are written, so the job closes (and shows as
 * finished) at once and its own history stays as it was (decision 0077).
 */
export async function auditJobFilesWorkflow(input: AuditJobFilesInput): Promise<void> {
  await sleep(input.retentionHours * 3_600_000);
  await removeAuditJobFiles(input.jobId);
}
