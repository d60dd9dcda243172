import { resolve } from 'node:path';
import { z } from 'zod';
import { isLocalDate } from '../../domain/calendar/shanghai-calendar';
import type { EventStoreConfig } from '../event-store/create-event-store';
import {
  loadTemporalSecurity,
  TemporalSecurityIssues,
  type TemporalSecurity,
} from '../temporal/temporal-security';

/**
 * Every setting the system reads, from the environment, validated once at start-up so a typo fails
 * loudly with the variable's name instead of surfacing later as a confusing runtime error.
 * README's configuration table lists the same variables.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  PROGRAMME_FILE: z.string().optional(),
  PROGRAMME_RESTART_FAILED_RUN: z.string().min(1).optional(),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('towns'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('towns'),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  EVENT_STORE: z.enum(['pglite', 'postgres', 'kurrentdb']).optional(),
  EVENT_STORE_DIR: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_SCHEMA: z.string().optional(),
  KURRENTDB_URL: z.string().optional(),
  POLICY: z.string().min(1).default('pingxiang-2017'),
  POLICY_FILE: z.string().optional(),
  POLICY_CALENDAR: z.enum(['as-written', 'rehearsal']).default('rehearsal'),
  POLICY_REHEARSAL_OPENS_ON: z
    .string()
    .refine(isLocalDate, 'expected a calendar date, YYYY-MM-DD (2027-03-01)')
    .optional(),
});

export type { EventStoreConfig };

export interface AppConfig {
  readonly http: { readonly port: number; readonly host: string };
  readonly dataDir: string;
  /** The programme this installation runs (infra/config/programme-record.ts). */
  readonly programmeFile: string;
  /** The run id of a failed programme run to replace with a new run at this start (decision 0064). */
  readonly restartFailedRun?: string;
  readonly temporal: {
    /** Undefined: `npm start` runs its own dev server. */
    readonly address: string | undefined;
    readonly namespace: string;
    readonly taskQueue: string;
    readonly devServerPort: number;
    readonly devServerUiPort: number;
    /** TLS, mTLS and the API key for a cluster named by `address` (temporal-security.ts). */
    readonly security: TemporalSecurity;
  };
  readonly eventStore: EventStoreConfig;
  readonly policy: PolicySource;
}

/**
 * Which programme rules to run: a built-in pack by id, or a pack document from a JSON file; on its
 * calendar as written, or as a rehearsal whose first application window opens on `rehearsalOpensOn`
 * (default: today in Shanghai).
 */
export interface PolicySource {
  readonly id: string;
  readonly file: string | undefined;
  readonly calendar: 'as-written' | 'rehearsal';
  readonly rehearsalOpensOn: string | undefined;
}

/**
 * Why a setting is refused: the settings' counterparts of the command line's codes (apps/cli-usage.ts).
 * Stable, for the scripts and supervisors that start the processes.
 */
export type SettingRefusalCode =
  /** A value malformed, out of range, or naming nothing that exists. */
  | 'SETTING_INVALID'
  /** A setting this process cannot run without is unset. */
  | 'SETTING_REQUIRED'
  /** Settings that exclude each other, or one given to a process it does not apply to. */
  | 'SETTINGS_CONFLICT';

/** Settings refused, each issue naming its variable: `NAME: what is wrong`. */
export class ConfigError extends Error {
  readonly code: SettingRefusalCode;

  constructor(
    readonly issues: readonly string[],
    code: SettingRefusalCode = 'SETTING_INVALID',
  ) {
    super(issues.length === 1 ? (issues[0] ?? '') : `Settings refused:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** The variables `schema` reads from `env`, or a ConfigError naming each refused one and its value. */
export function parseSettings<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(settingIssues(parsed.error, env));
  return parsed.data;
}

/** One line per issue: the variable, the value given, and what was expected. */
export function settingIssues(error: z.ZodError, env: NodeJS.ProcessEnv): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const given = env[name];
    return `${name}${given === undefined ? '' : `=${JSON.stringify(given)}`}: ${issue.message}`;
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = parseSettings(envSchema, env);
  const dataDir = resolve(e.DATA_DIR);
  const address = e.TEMPORAL_ADDRESS || undefined;
  const security = temporalSecurity(env);
  if (!address && (security.tls !== undefined || security.apiKey !== undefined)) {
    throw new ConfigError(
      [
        'TEMPORAL_TLS*/TEMPORAL_API_KEY: they secure a cluster named by TEMPORAL_ADDRESS; the dev server ' +
          '`npm start` runs listens on loopback in plain gRPC',
      ],
      'SETTINGS_CONFLICT',
    );
  }
  if (e.POLICY_CALENDAR === 'as-written' && e.POLICY_REHEARSAL_OPENS_ON !== undefined) {
    // A calendar as written has no rehearsal to open: taking one and dropping the other would run a
    // programme the operator did not describe.
    throw new ConfigError(
      [
        `POLICY_REHEARSAL_OPENS_ON=${JSON.stringify(e.POLICY_REHEARSAL_OPENS_ON)}: moves a rehearsal's ` +
          'calendar, and POLICY_CALENDAR="as-written" asks for none; unset one of them',
      ],
      'SETTINGS_CONFLICT',
    );
  }
  return {
    http: { port: e.PORT, host: e.HOST },
    dataDir,
    programmeFile: resolve(e.PROGRAMME_FILE ?? resolve(dataDir, 'programme.json')),
    ...(e.PROGRAMME_RESTART_FAILED_RUN ? { restartFailedRun: e.PROGRAMME_RESTART_FAILED_RUN } : {}),
    temporal: {
      address,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      devServerPort: e.TEMPORAL_PORT,
      devServerUiPort: e.TEMPORAL_UI_PORT,
      security,
    },
    eventStore: eventStoreConfig(e, dataDir),
    policy: {
      id: e.POLICY,
      file: e.POLICY_FILE ? resolve(e.POLICY_FILE) : undefined,
      calendar: e.POLICY_CALENDAR,
      rehearsalOpensOn: e.POLICY_REHEARSAL_OPENS_ON,
    },
  };
}

function temporalSecurity(env: NodeJS.ProcessEnv): TemporalSecurity {
  try {
    return loadTemporalSecurity(env);
  } catch (error) {
    if (error instanceof TemporalSecurityIssues) throw new ConfigError(error.issues);
    throw error;
  }
}

/** The embedded store is the default: `npm start` needs no other service. */
function eventStoreConfig(e: z.infer<typeof envSchema>, dataDir: string): EventStoreConfig {
  const kind = e.EVENT_STORE ?? 'pglite';
  switch (kind) {
    case 'pglite':
      return { kind, dataDir: resolve(e.EVENT_STORE_DIR ?? resolve(dataDir, 'event-store')) };
    case 'postgres':
      if (!e.DATABASE_URL)
        throw new ConfigError(['DATABASE_URL: required when EVENT_STORE=postgres'], 'SETTING_REQUIRED');
      return { kind, url: e.DATABASE_URL, ...(e.DATABASE_SCHEMA ? { schema: e.DATABASE_SCHEMA } : {}) };
    case 'kurrentdb':
      if (!e.KURRENTDB_URL)
        throw new ConfigError(['KURRENTDB_URL: required when EVENT_STORE=kurrentdb'], 'SETTING_REQUIRED');
      return { kind, url: e.KURRENTDB_URL };
  }
}
