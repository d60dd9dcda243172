/** The API alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { environmentUsage, processArgumentsOrExit } from '../process-arguments';

processArgumentsOrExit(
  environmentUsage(
    'npm run start:api',
    'The API alone, against a Temporal server and an event store several processes share\n' +
      '(PostgreSQL or KurrentDB); docs/deployment.md.',
    {
      names: ['TEMPORAL_ADDRESS', 'EVENT_STORE', 'DATABASE_URL', 'AUTH_PUBLIC_KEY_FILE', 'PORT'],
      example: 'PORT=8080',
    },
  ),
);
// Loaded only once the command line is read: a refused one is answered without loading the system.
void import('./run-api').then(({ runApi }) => runApi());
