/**
 * What audit jobs (run by the worker, served by the API) need from the environment: the audit tools'
 * own settings (audit-config.ts) without the checkpointer's key, plus where jobs keep their files and
 * the key API exports are signed with (docs/decisions/0051-auditor-api-and-jobs.md).
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadAuditConfig } from './audit-config';
import { AuditError } from './audit.errors';

const jobsEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  AUDIT_JOBS_DIR: z.string().min(1).optional(),
  AUDIT_EXPORT_KEY_FILE: z.string().min(1).optional(),
});

export interface AuditJobsConfig {
  /** One directory per job (`<jobsDir>/<jobId>/`): reports and bundles, served by the API. */
  readonly jobsDir: string;
  readonly checkpointDir: string;
  readonly publicKeysDir: string;
  /** The export service's own Ed25519 private key; never the checkpointer's. */
  readonly exportKeyFile: string | undefined;
}

export function loadAuditJobsConfig(env: NodeJS.ProcessEnv = process.env): AuditJobsConfig {
  // The checkpointer's key is dropped before anything reads the settings: no job can sign with it.
  const { AUDIT_SIGNING_KEY_FILE: _checkpointerOnly, ...withoutSigningKey } = env;
  const { checkpointDir, publicKeysDir } = loadAuditConfig(withoutSigningKey);
  const parsed = jobsEnvSchema.safeParse(withoutSigningKey);
  if (!parsed.success) {
    throw new AuditError(
      'AUDIT_CONFIG_INVALID',
      `Invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    jobsDir: resolve(e.AUDIT_JOBS_DIR ?? resolve(e.DATA_DIR, 'audit-jobs')),
    checkpointDir,
    publicKeysDir,
    exportKeyFile: e.AUDIT_EXPORT_KEY_FILE === undefined ? undefined : resolve(e.AUDIT_EXPORT_KEY_FILE),
  };
}
