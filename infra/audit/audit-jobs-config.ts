/**
 * What audit jobs (run by the worker, served by the API) need from the environment: the audit tools'
 * own settings (audit-config.ts) without the checkpointer's key, plus where jobs keep their files and
 * the key API exports are signed with (docs/decisions/0051-auditor-api-and-jobs.md).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { type CheckpointSinkKind, loadAuditConfig, parseAuditSettings } from './audit-config';

const jobsEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  AUDIT_JOBS_DIR: z.string().min(1).optional(),
  AUDIT_EXPORT_KEY_FILE: z.string().min(1).optional(),
});

export interface AuditJobsConfig {
  /** One directory per job (`<jobsDir>/<jobId>/`): reports and bundles, served by the API. */
  readonly jobsDir: string;
  readonly checkpointDir: string;
  /** The records a verification reads, in order: AUDIT_CHECKPOINT_SINKS, as the audit CLI reads it. */
  readonly checkpointSinks: readonly CheckpointSinkKind[];
  readonly publicKeysDir: string;
  /** The export service's own Ed25519 private key; never the checkpointer's. */
  readonly exportKeyFile: string | undefined;
}

export function loadAuditJobsConfig(env: NodeJS.ProcessEnv = process.env): AuditJobsConfig {
  // The checkpointer's key is dropped before anything reads the settings: no job can sign with it.
  const { AUDIT_SIGNING_KEY_FILE: _checkpointerOnly, ...withoutSigningKey } = env;
  const { checkpointDir, checkpointSinks, publicKeysDir } = loadAuditConfig(withoutSigningKey);
  const e = parseAuditSettings(jobsEnvSchema, withoutSigningKey);
  return {
    jobsDir: resolve(e.AUDIT_JOBS_DIR ?? resolve(e.DATA_DIR, 'audit-jobs')),
    checkpointDir,
    checkpointSinks,
    publicKeysDir,
    exportKeyFile: e.AUDIT_EXPORT_KEY_FILE === undefined ? undefined : resolve(e.AUDIT_EXPORT_KEY_FILE),
  };
}

/**
 * How audit jobs are scheduled so they cannot starve the officials' steps (decision 0077): a task queue
 * and worker of their own, caps on jobs running at once, and how long their files are kept. Read by the
 * API (caps, queue, retention: it starts the jobs) and by the worker (queue, concurrency).
 */
export interface AuditJobScheduling {
  /** The jobs' own task queue; undefined: the officials' queue with `-audit` appended. */
  readonly taskQueue: string | undefined;
  /** Jobs the audit worker runs at once (its activity slots); more wait in the queue. */
  readonly workerConcurrency: number;
  /** Jobs one auditor may have running at once; another is refused with 429. */
  readonly maxRunningPerAuditor: number;
  /** Jobs all auditors together may have running at once. */
  readonly maxRunning: number;
  /** Hours a finished job's files are kept before they are deleted. */
  readonly filesRetentionHours: number;
}

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const schedulingEnvSchema = z.object({
  AUDIT_TASK_QUEUE: z.string().min(1).optional(),
  AUDIT_WORKER_CONCURRENCY: count(2),
  AUDIT_JOBS_PER_AUDITOR: count(2),
  AUDIT_JOBS_MAX_RUNNING: count(4),
  AUDIT_JOB_RETENTION_HOURS: z.coerce.number().positive().default(168),
});

export function loadAuditJobScheduling(env: NodeJS.ProcessEnv = process.env): AuditJobScheduling {
  const e = parseAuditSettings(schedulingEnvSchema, env);
  return {
    taskQueue: e.AUDIT_TASK_QUEUE,
    workerConcurrency: e.AUDIT_WORKER_CONCURRENCY,
    maxRunningPerAuditor: e.AUDIT_JOBS_PER_AUDITOR,
    maxRunning: e.AUDIT_JOBS_MAX_RUNNING,
    filesRetentionHours: e.AUDIT_JOB_RETENTION_HOURS,
  };
}

/** The audit jobs' task queue beside the officials' `taskQueue`. */
export function auditTaskQueueOf(
  taskQueue: string,
  scheduling?: Pick<AuditJobScheduling, 'taskQueue'>,
): string {
  return scheduling?.taskQueue ?? `${taskQueue}-audit`;
}
