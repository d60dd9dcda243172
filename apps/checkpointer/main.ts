/**
 * `npm run checkpointer`: seals the log every AUDIT_CHECKPOINT_EVERY with the key in
 * AUDIT_SIGNING_KEY_FILE, into the sinks AUDIT_CHECKPOINT_SINKS names. A process of its own so that the
 * log's writers (the API and the worker) never hold the key: run it as another OS user, against
 * PostgreSQL (the embedded store admits one process at a time; see apps/start.ts for that case).
 */
import { loadAuditConfig } from '../../infra/audit/audit-config';
import { loadConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { describeStartupFailure } from '../startup-failure';
import { startCheckpointer } from './run-checkpointer';
import { environmentUsage, processArgumentsOrExit } from '../process-arguments';

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

async function main(): Promise<void> {
  const config = loadConfig();
  const audit = loadAuditConfig();
  const store = await createEventStore(config.eventStore);
  try {
    const checkpointer = await startCheckpointer({ store, audit });
    const stop = (signal: string) => {
      console.log(`${signal}: stopping after the round under way…`);
      void checkpointer.stop();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    console.log(
      `Checkpointer: every ${checkpointer.every}, signing with ${checkpointer.keyId}, ` +
        `into ${checkpointer.sinks}. Ctrl+C to stop.`,
    );
    await checkpointer.stopped;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? `[${String(error.code)}] ` : '';
  console.error(`${code}${describeStartupFailure(error)}`);
  process.exit(1);
});
