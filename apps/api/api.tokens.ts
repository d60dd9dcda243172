import type { Client } from '@temporalio/client';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { TokenVerifier } from '../../infra/auth/token-verifier';
import type { EventStore } from '../../infra/event-store/event-store.port';
import type { TrainingClock } from '../../infra/temporal/time-skipping-server';
import type { DevSignInKeys } from './dev-sign-in/dev-sign-in.keys';
import type { RateLimitSettings } from './http/public-rate-limit';
import type { ServiceMetrics } from '../../infra/observability/service-metrics';

/** Typed DI tokens: the API receives its Temporal client, store and verifier; it never builds them itself. */
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const API_SETTINGS = Symbol('API_SETTINGS');
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');

/** Per signed-in caller: commands, and heavy reads, each within its own limit per window. */
export interface CallerRateLimits {
  readonly commands: RateLimitSettings;
  readonly heavyReads: RateLimitSettings;
}

export interface ApiSettings {
  readonly taskQueue: string;
  /** The programme's rules; every town started through this API runs under them. */
  readonly policy: PolicyPack;
  /**
   * The programme this API drives (its workflow and batches are named after it); by default derived
   * from the pack's id (`programmeIdOf`). Tests give each running system one of its own.
   */
  readonly programmeId?: string;
  /**
   * The instant the API's own checks decide at (the application pre-check, a town page's next steps);
   * the system clock by default. A test on the time-skipping server gives that server's time.
   */
  readonly now?: () => string;
  /** The API documents are open to anyone, within this limit per client address. */
  readonly publicRateLimit?: RateLimitSettings;
  /** Commands and heavy reads per signed-in caller. */
  readonly callerRateLimits?: CallerRateLimits;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (false:
   * none, the default; a number of hops; or addresses and subnets). Decides whose address a limit counts.
   */
  readonly trustProxy?: boolean | number | string;
  /** How long a query waits for the read models to reach the caller's own latest write. */
  readonly readYourWritesTimeoutMs?: number;
  /** How long a command's answer is kept for replay under its Idempotency-Key. */
  readonly idempotencyTtlMs?: number;
  /** Origins of a console hosted elsewhere that may call this API from the browser (CORS). */
  readonly corsOrigins?: readonly string[];
  /**
   * How long a command waits for its workflow's answer before the caller is told 503
   * `STEP_OUTCOME_UNKNOWN` (retry with the same Idempotency-Key to learn it): docs/decisions/0060.
   */
  readonly commandTimeoutMs?: number;
  /**
   * When the read models are snapshotted (docs/decisions/0122): after this many events folded since the
   * last one, or this many seconds if any were; 0 turns that trigger off. Always at shutdown.
   */
  readonly readModelSnapshotEveryEvents?: number;
  readonly readModelSnapshotEverySeconds?: number;
}

export interface ApiDependencies {
  readonly client: Client;
  readonly store: EventStore;
  readonly verifier: TokenVerifier;
  readonly settings: ApiSettings;
  /** The development key pair `npm start` made: the console's sign-in page may then mint tokens. */
  readonly devSignIn?: DevSignInKeys;
  /** Training mode's virtual clock (`npm run start:training`): the clock routes exist only with it. */
  readonly trainingClock?: TrainingClock;
  /** Where the built console is; default apps/console/dist. */
  readonly consoleDir?: string;
  /** The process's metrics, served at /metrics; default: the process's own (`serviceMetrics()`). */
  readonly metrics?: ServiceMetrics;
}

export const defaultApiSettings = {
  publicRateLimit: { limit: 120, windowMs: 60_000 },
  callerRateLimits: {
    commands: { limit: 60, windowMs: 60_000 },
    heavyReads: { limit: 60, windowMs: 60_000 },
  },
  readYourWritesTimeoutMs: 5_000,
  idempotencyTtlMs: 24 * 3_600_000,
  commandTimeoutMs: 30_000,
  readModelSnapshotEveryEvents: 100_000,
  readModelSnapshotEverySeconds: 300,
} as const satisfies Partial<ApiSettings>;

/** One programme per pack: a rehearsal pack has an id of its own, so it is a programme of its own. */
export function programmeIdOf(settings: Pick<ApiSettings, 'policy' | 'programmeId'>): string {
  return settings.programmeId ?? settings.policy.id;
}

export function nowOf(settings: Pick<ApiSettings, 'now'>): string {
  return settings.now?.() ?? new Date().toISOString();
}
