/** The worker alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { environmentUsage, processArgumentsOrExit } from '../process-arguments';

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
// Loaded only once the command line is read: a refused one is answered without loading the system.
void import('./run-worker').then(({ runWorker }) => runWorker());
