/**
 * `npm run checkpointer`: seals the log every AUDIT_CHECKPOINT_EVERY with the key in
 * AUDIT_SIGNING_KEY_FILE, into the sinks AUDIT_CHECKPOINT_SINKS names. A process of its own so that the
 * log's writers (the API and the worker) never hold the key: run it as another OS user, against
 * PostgreSQL (the embedded store admits one process at a time; see apps/start.ts for that case).
 */
import { environmentUsage, processArgumentsOrExit, settingsOrExit } from '../process-arguments';

processArgumentsOrExit(
  environmentUsage(
    'npm run checkpointer',
    "Seals the log at intervals with the auditors' key, as a process (and an OS user) of its own.",
    {
      names: ['AUDIT_SIGNING_KEY_FILE', 'AUDIT_CHECKPOINT_EVERY', 'AUDIT_CHECKPOINT_SINKS', 'DATABASE_URL'],
      example: 'AUDIT_CHECKPOINT_EVERY=15m',
    },
  ),
);
// Each loaded only once the one before has passed: a command line or a setting refused is answered
// without loading the system, and before anything is started or written.
void settingsOrExit(async () => (await import('../process-settings')).readCheckpointerSettings()).then(
  async (settings) => (await import('./checkpointer-process')).runCheckpointerProcess(settings),
);
