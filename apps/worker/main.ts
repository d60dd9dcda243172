/** The worker alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { environmentUsage, processArgumentsOrExit, settingsOrExit } from '../process-arguments';

processArgumentsOrExit(
  environmentUsage(
    'npm run start:worker',
    'The worker alone, against a Temporal server and an event store several processes share\n' +
      '(PostgreSQL or KurrentDB); docs/deployment.md.',
    {
      names: ['TEMPORAL_ADDRESS', 'EVENT_STORE', 'DATABASE_URL', 'WORKER_MAX_CACHED_WORKFLOWS'],
      example: 'WORKER_MAX_CACHED_WORKFLOWS=2000',
    },
  ),
);
// Each loaded only once the one before has passed: a command line or a setting refused is answered
// without loading the system, and before anything is started or written.
void settingsOrExit(async () => (await import('../process-settings')).readWorkerProcessSettings()).then(
  async (settings) => (await import('./run-worker')).runWorker(settings),
);
