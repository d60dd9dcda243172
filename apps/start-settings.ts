/**
 * What `npm start` and `npm run start:training` read before they start anything (process-settings.ts):
 * every setting of the whole system — the worker's, the API's, the audit jobs', the checkpointer's when
 * it runs in-process — and, for training, the settings it cannot take and a data directory of its own.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from '../infra/config/app-config';
import { loadWorkerSettings, type WorkerSettings } from '../infra/config/worker-settings';
import { resolveAuthKeys, type AuthKeys } from '../infra/auth/auth-config';
import type { AuditConfig } from '../infra/audit/audit-config';
import { loadMetricsConfig, type MetricsConfig } from '../infra/observability/metrics-config';
import { checkPortsApart } from './start-ports';
import { readApiPartSettings, readCheckpointerAudit, type ApiPartSettings } from './process-settings';
import { isTrainingDirectory, trainingMarker } from './training-directory';

export interface StartSettings extends ApiPartSettings {
  readonly config: AppConfig;
  readonly metrics: MetricsConfig;
  /** The keys AUTH_PUBLIC_KEY_FILE names, read now; undefined: a development pair in the data directory. */
  readonly keys: AuthKeys | undefined;
  readonly worker: WorkerSettings;
  /** The in-process checkpointer's settings when AUDIT_SIGNING_KEY_FILE asks for one (training refuses it). */
  readonly checkpointer: AuditConfig | undefined;
}

export async function readStartSettings(
  training: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartSettings> {
  const config = training ? readTrainingConfig(env) : loadConfig(env);
  // Training's time-skipping server picks a port of its own: only the API's is named.
  if (!training) checkPortsApart(config, env);
  // Training chooses its programme anew at every start (start-system.ts): no record to agree with.
  const part = await readApiPartSettings(config, env, { programmeRecorded: !training });
  return {
    ...part,
    config,
    metrics: loadMetricsConfig(env),
    keys: part.auth.publicKeyFile === undefined ? undefined : resolveAuthKeys(part.auth),
    worker: loadWorkerSettings(env),
    // Training refused AUDIT_SIGNING_KEY_FILE above (readTrainingConfig).
    checkpointer: env.AUDIT_SIGNING_KEY_FILE ? readCheckpointerAudit(env) : undefined,
  };
}

/**
 * Training's data directory is data/training unless DATA_DIR says; the settings that would point it at
 * another server, programme record or store are refused, and so is a directory holding anything but a
 * training run's files, because each start deletes the programme record in it.
 */
function readTrainingConfig(env: NodeJS.ProcessEnv): AppConfig {
  const conflicts = Object.entries(notForTraining)
    .filter(([name]) => env[name] && !(name === 'EVENT_STORE' && env[name] === 'pglite'))
    .map(([name, why]) => `${name}=${JSON.stringify(env[name])}: training mode ${why}; unset it`);
  if (conflicts.length > 0) throw new ConfigError(conflicts, 'SETTINGS_CONFLICT');
  // Set for the whole process: the audit jobs' and the keys' settings read it too.
  env.DATA_DIR ??= join('data', 'training');
  const config = loadConfig(env);
  const { dataDir } = config;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0 && !isTrainingDirectory(dataDir)) {
    throw new ConfigError([
      `DATA_DIR=${JSON.stringify(env.DATA_DIR)}: holds data but is not a training data directory ` +
        `(no ${trainingMarker} file in ${dataDir}): choose another DATA_DIR`,
    ]);
  }
  return config;
}

/**
 * Settings training mode cannot take, and why (EVENT_STORE only as anything but the embedded store).
 * The checkpointer's are among them: a training run's log lives in memory and ends with it, so there is
 * nothing to seal, and a key taken without a word would let a trainer believe checkpoints were made.
 */
const notForTraining: Readonly<Record<string, string>> = {
  TEMPORAL_ADDRESS: 'runs its own time-skipping server',
  PROGRAMME_FILE: 'keeps its programme in its own data directory',
  EVENT_STORE: 'keeps its event store in memory',
  AUDIT_SIGNING_KEY_FILE: 'makes no checkpoints (its log ends with it)',
  AUDIT_CHECKPOINT_EVERY: 'makes no checkpoints (its log ends with it)',
};
