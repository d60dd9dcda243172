/**
 * The audit tools' settings, from the environment (the store's own come from infra/config/app-config.ts).
 * Only the checkpointer reads AUDIT_SIGNING_KEY_FILE: the API and the worker load this module only
 * through infra/audit/audit-jobs-config.ts, which drops that key before anything can read it.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { AuditError } from '../../domain/audit/audit.errors';
import { settingIssues } from '../config/app-config';

/** Where checkpoints are kept: the JSON-lines file, and the checkpoint ledger workflow's history. */
export const CHECKPOINT_SINK_KINDS = ['file', 'temporal'] as const;
export type CheckpointSinkKind = (typeof CHECKPOINT_SINK_KINDS)[number];

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

const DEFAULT_CHECKPOINT_EVERY_MS = 15 * UNIT_MS.m;

const duration = z
  .string()
  .regex(/^[1-9][0-9]*(ms|s|m|h)$/, 'expected a duration such as 30s, 15m or 1h')
  .transform((text) => {
    const [, amount = '', unit = 'ms'] = /^([0-9]+)(ms|s|m|h)$/.exec(text) ?? [];
    return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });

const sinkList = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()))
  .pipe(
    z
      .array(z.enum(CHECKPOINT_SINK_KINDS))
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'a sink is named twice'),
  );

const auditEnvSchema = z.object({
  DATA_DIR: z.string().min(1).default('data'),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  AUDIT_PUBLIC_KEYS_DIR: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_SINKS: sinkList.optional(),
  AUDIT_CHECKPOINT_EVERY: duration.default(DEFAULT_CHECKPOINT_EVERY_MS),
});

export interface AuditConfig {
  /** Where checkpoints.jsonl is kept. Default `$DATA_DIR/checkpoints`. */
  readonly checkpointDir: string;
  /** The checkpointer's Ed25519 private key (PEM); needed to make checkpoints and bundles. */
  readonly signingKeyFile: string | undefined;
  /** Trusted public keys (`*.public.pem`), old and new. Default `$DATA_DIR/audit-keys`. */
  readonly publicKeysDir: string;
  /**
   * Where checkpoints go, the first being the one the checkpointer reads back. Default: the file and the
   * ledger, on TEMPORAL_ADDRESS or else on the dev server `npm start` runs (decision 0023).
   */
  readonly checkpointSinks: readonly CheckpointSinkKind[];
  /** How often the periodic checkpointer seals the log. Default 15 minutes. */
  readonly checkpointEveryMs: number;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const e = parseAuditSettings(auditEnvSchema, env);
  // Both by default, always: a record left out of verification by default is one an attacker need not
  // touch. Without TEMPORAL_ADDRESS the ledger is looked for on `npm start`'s own dev server.
  const checkpointSinks = e.AUDIT_CHECKPOINT_SINKS ?? ['file', 'temporal'];
  return {
    checkpointDir: resolve(e.AUDIT_CHECKPOINT_DIR ?? resolve(e.DATA_DIR, 'checkpoints')),
    signingKeyFile: e.AUDIT_SIGNING_KEY_FILE === undefined ? undefined : resolve(e.AUDIT_SIGNING_KEY_FILE),
    publicKeysDir: resolve(e.AUDIT_PUBLIC_KEYS_DIR ?? resolve(e.DATA_DIR, 'audit-keys')),
    checkpointSinks,
    checkpointEveryMs: e.AUDIT_CHECKPOINT_EVERY,
  };
}

/** The audit settings `schema` reads, or AUDIT_CONFIG_INVALID naming each refused variable and its value. */
export function parseAuditSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new AuditError(
      'AUDIT_CONFIG_INVALID',
      `Invalid configuration: ${settingIssues(parsed.error, env).join('; ')}`,
    );
  }
  return parsed.data;
}
