import { isIP, isIPv4 } from 'node:net';
import { z } from 'zod';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { parseSettings } from '../../infra/config/app-config';
import type { AuthConfig, AuthKeys } from '../../infra/auth/auth-config';
import { createTokenVerifier, type TokenVerifier } from '../../infra/auth/token-verifier';
import { defaultApiSettings, type ApiSettings } from './api.tokens';

const limits = defaultApiSettings.callerRateLimits;

/**
 * `TRUST_PROXY` as express reads it (its `trust proxy` setting): true or false, a number of hops, or
 * proxies' addresses and subnets and express's named ranges, comma-separated. Express checks the list
 * only when the API is built, after the Temporal dev server and the worker have started; it is checked
 * here instead, where the other settings are, by the same rules (proxy-addr's).
 */
const trustProxy = z
  .string()
  .trim()
  .min(1)
  .refine(
    (value) => isSwitchOrHops(value) || value.split(',').every((entry) => isTrustedProxy(entry.trim())),
    'expected true, false, a number of hops, or addresses and subnets (10.0.0.0/8, fd00::/8) and ' +
      'loopback, linklocal, uniquelocal, comma-separated',
  )
  .transform((value): boolean | number | string =>
    value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value,
  );

function isSwitchOrHops(value: string): boolean {
  return value === 'true' || value === 'false' || /^\d+$/.test(value);
}

/** The ranges express (proxy-addr) knows by name. */
const namedProxyRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet as address/prefix (1 to its family's bits) or an IPv4 address/netmask. */
function isTrustedProxy(entry: string): boolean {
  if (namedProxyRanges.has(entry)) return true;
  const slash = entry.lastIndexOf('/');
  const family = isIP(slash === -1 ? entry : entry.slice(0, slash));
  if (family === 0 || slash === -1) return family !== 0;
  const range = entry.slice(slash + 1);
  if (/^\d+$/.test(range)) return Number(range) >= 1 && Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIPv4(range) && isContiguousNetmask(range);
}

/** 255.255.240.0 is a netmask; 255.0.255.0 and 0.0.0.0 are not (proxy-addr refuses them). */
function isContiguousNetmask(mask: string): boolean {
  const bits = mask.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
  const hostBits = 2 ** 32 - 1 - bits;
  return bits !== 0 && (hostBits & (hostBits + 1)) === 0;
}

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
    .pipe(z.array(z.url('expected origins such as https://console.example, comma-separated'))),
});

/** What the environment sets of the API's settings; the programme's (queue, pack, id) come from elsewhere. */
export type ApiEnvironmentSettings = Omit<ApiSettings, 'taskQueue' | 'policy' | 'programmeId' | 'now'>;

/** The API's own settings from the environment (README, "Configuration"), checked at start-up. */
export function loadApiSettings(env: NodeJS.ProcessEnv = process.env): ApiEnvironmentSettings {
  const e = parseSettings(envSchema, env);
  return {
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
