/**
 * The audit tools' settings, from the environment (the store's own come from infra/config/app-config.ts).
 * Only the checkpointer reads AUDIT_SIGNING_KEY_FILE: the API and the worker never load this module.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { AuditError } from './audit.errors';

const auditEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  AUDIT_PUBLIC_KEYS_DIR: z.string().min(1).optional(),
});

export interface AuditConfig {
  /** Where checkpoints.jsonl is kept. Default `$DATA_DIR/checkpoints`. */
  readonly checkpointDir: string;
  /** The checkpointer's Ed25519 private key (PEM); needed to make checkpoints and bundles. */
  readonly signingKeyFile: string | undefined;
  /** Trusted public keys (`*.public.pem`), old and new. Default `$DATA_DIR/audit-keys`. */
  readonly publicKeysDir: string;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const parsed = auditEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new AuditError(
      'AUDIT_CONFIG_INVALID',
      `Invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const e = parsed.data;
  return {
    checkpointDir: resolve(e.AUDIT_CHECKPOINT_DIR ?? resolve(e.DATA_DIR, 'checkpoints')),
    signingKeyFile: e.AUDIT_SIGNING_KEY_FILE === undefined ? undefined : resolve(e.AUDIT_SIGNING_KEY_FILE),
    publicKeysDir: resolve(e.AUDIT_PUBLIC_KEYS_DIR ?? resolve(e.DATA_DIR, 'audit-keys')),
  };
}
