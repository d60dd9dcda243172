import { z } from 'zod';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { parseSettings } from '../../infra/config/app-config';
import type { AuthConfig, AuthKeys } from '../../infra/auth/auth-config';
import { createTokenVerifier, type TokenVerifier } from '../../infra/auth/token-verifier';
import { defaultApiSettings, type ApiSettings } from './api.tokens';

const limits = defaultApiSettings.callerRateLimits;

/** `TRUST_PROXY` as express reads it: true/false, a number of hops, or proxy addresses and subnets. */
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .transform((value): boolean | number | string =>
    value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
  );

const envSchema = z.object({
  RATE_LIMIT_PUBLIC: z.coerce.number().int().min(1).default(defaultApiSettings.publicRateLimit.limit),
  RATE_LIMIT_COMMANDS: z.coerce.number().int().min(1).default(limits.commands.limit),
  RATE_LIMIT_HEAVY_READS: z.coerce.number().int().min(1).default(limits.heavyReads.limit),
  TRUST_PROXY: trustProxy.default(false),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(defaultApiSettings.publicRateLimit.windowMs / 1000),
  READ_YOUR_WRITES_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(defaultApiSettings.readYourWritesTimeoutMs),
  COMMAND_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(300_000)
    .default(defaultApiSettings.commandTimeoutMs),
  READ_MODEL_SNAPSHOT_EVERY_EVENTS: z.coerce
    .number()
    .int()
    .min(0)
    .default(defaultApiSettings.readModelSnapshotEveryEvents),
  READ_MODEL_SNAPSHOT_EVERY_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(defaultApiSettings.readModelSnapshotEverySeconds),
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(defaultApiSettings.idempotencyTtlMs / 3_600_000),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
});

/** The API's own settings from the environment (README, "Configuration"), checked at start-up. */
export function loadApiSettings(
  base: Pick<ApiSettings, 'taskQueue' | 'policy' | 'programmeId'>,
  env: NodeJS.ProcessEnv = process.env,
): ApiSettings {
  const e = parseSettings(envSchema, env);
  return {
    ...base,
    publicRateLimit: { limit: e.RATE_LIMIT_PUBLIC, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    callerRateLimits: {
      commands: { limit: e.RATE_LIMIT_COMMANDS, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
      heavyReads: { limit: e.RATE_LIMIT_HEAVY_READS, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    },
    trustProxy: e.TRUST_PROXY,
    readYourWritesTimeoutMs: e.READ_YOUR_WRITES_TIMEOUT_MS,
    idempotencyTtlMs: Math.round(e.IDEMPOTENCY_TTL_HOURS * 3_600_000),
    corsOrigins: e.CORS_ORIGINS,
    commandTimeoutMs: e.COMMAND_TIMEOUT_MS,
    readModelSnapshotEveryEvents: e.READ_MODEL_SNAPSHOT_EVERY_EVENTS,
    readModelSnapshotEverySeconds: e.READ_MODEL_SNAPSHOT_EVERY_SECONDS,
  };
}

export function verifierFor(config: AuthConfig, keys: AuthKeys, policy: PolicyPack): TokenVerifier {
  return createTokenVerifier({
    publicKey: keys.publicKey,
    algorithm: keys.algorithm,
    issuer: config.issuer,
    audience: config.audience,
    policy,
  });
}
