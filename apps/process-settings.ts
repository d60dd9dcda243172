/**
 * What each long-running process reads of its settings first, before it loads the system, starts
 * anything or writes anything: every variable of README's "Configuration" it uses, by the readers that
 * use it (infra/config, infra/auth, infra/audit, apps/api/api-config.ts). Run by settingsOrExit
 * (process-arguments.ts), which answers a refusal as a refused option is answered.
 */
import { loadConfig, ConfigError, type AppConfig } from '../infra/config/app-config';
import { checkProgrammeSettings } from '../infra/config/programme-choice';
import { loadWorkerSettings, type WorkerSettings } from '../infra/config/worker-settings';
import { loadAuthConfig, resolveAuthKeys, type AuthConfig, type AuthKeys } from '../infra/auth/auth-config';
import { loadAuditConfig, type AuditConfig } from '../infra/audit/audit-config';
import { loadSigningKey } from '../infra/audit/keys';
import {
  loadAuditJobScheduling,
  loadAuditJobsConfig,
  type AuditJobScheduling,
  type AuditJobsConfig,
} from '../infra/audit/audit-jobs-config';
import { loadMetricsConfig, type MetricsConfig } from '../infra/observability/metrics-config';
import { loadTracingConfig, type TracingConfig } from '../infra/observability/tracing-config';
import { loadApiSettings, type ApiEnvironmentSettings } from './api/api-config';
import { checkHttpHost } from './http-port';

/** What the audit jobs need, read by the API (it starts and serves them) and the worker (it runs them). */
export interface AuditJobSettings {
  readonly config: AuditJobsConfig;
  readonly scheduling: AuditJobScheduling;
}

export function readAuditJobSettings(env: NodeJS.ProcessEnv): AuditJobSettings {
  return { config: loadAuditJobsConfig(env), scheduling: loadAuditJobScheduling(env) };
}

/** What the API needs of its settings, whether it runs alone or inside `npm start`. */
export interface ApiPartSettings {
  readonly auth: AuthConfig;
  readonly api: ApiEnvironmentSettings;
  readonly auditJobs: AuditJobSettings;
  /** Where the process's traces go; undefined: tracing off. */
  readonly tracing: TracingConfig | undefined;
}

/**
 * The API's settings, with the HTTP address it binds (an IP or a name this machine resolves) and the
 * POLICY* settings (a pack that can be had, agreeing with the programme recorded, if any).
 */
export async function readApiPartSettings(
  config: AppConfig,
  env: NodeJS.ProcessEnv,
  options: { readonly programmeRecorded: boolean },
): Promise<ApiPartSettings> {
  const settings = {
    auth: loadAuthConfig(env),
    api: loadApiSettings(env),
    auditJobs: readAuditJobSettings(env),
    tracing: loadTracingConfig(env),
  };
  checkProgrammeSettings(config, { env, recorded: options.programmeRecorded });
  await checkHttpHost(config.http.host);
  return settings;
}

/** `npm run start:api`. */
export interface ApiProcessSettings extends ApiPartSettings {
  readonly config: AppConfig;
  readonly temporalAddress: string;
  /** On its own the API only verifies, with the identity provider's key (AUTH_PUBLIC_KEY_FILE). */
  readonly keys: AuthKeys;
}

export async function readApiProcessSettings(
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiProcessSettings> {
  const config = loadConfig(env);
  const temporalAddress = requireTemporalAddress(config, 'the API');
  const part = await readApiPartSettings(config, env, { programmeRecorded: true });
  return { ...part, config, temporalAddress, keys: resolveAuthKeys(part.auth) };
}

/** `npm run start:worker`. */
export interface WorkerProcessSettings {
  readonly config: AppConfig;
  readonly temporalAddress: string;
  readonly metrics: MetricsConfig;
  readonly worker: WorkerSettings;
  readonly auditJobs: AuditJobSettings;
  readonly tracing: TracingConfig | undefined;
}

export function readWorkerProcessSettings(env: NodeJS.ProcessEnv = process.env): WorkerProcessSettings {
  const config = loadConfig(env);
  return {
    config,
    temporalAddress: requireTemporalAddress(config, 'the worker'),
    metrics: loadMetricsConfig(env),
    worker: loadWorkerSettings(env),
    auditJobs: readAuditJobSettings(env),
    tracing: loadTracingConfig(env),
  };
}

/** `npm run checkpointer`. */
export interface CheckpointerProcessSettings {
  readonly config: AppConfig;
  readonly audit: AuditConfig;
}

export function readCheckpointerSettings(env: NodeJS.ProcessEnv = process.env): CheckpointerProcessSettings {
  return { config: loadConfig(env), audit: readCheckpointerAudit(env) };
}

/** A checkpointer's settings, its signing key read now: a missing or unreadable one is refused before it runs. */
export function readCheckpointerAudit(env: NodeJS.ProcessEnv): AuditConfig {
  const audit = loadAuditConfig(env);
  loadSigningKey(audit.signingKeyFile);
  return audit;
}

/** The API and the worker on their own run against a Temporal server of the operator's. */
function requireTemporalAddress(config: AppConfig, what: string): string {
  if (config.temporal.address) return config.temporal.address;
  throw new ConfigError(
    [`TEMPORAL_ADDRESS: required to run ${what} on its own (npm start runs a dev server of its own)`],
    'SETTING_REQUIRED',
  );
}
