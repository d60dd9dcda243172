/** The API alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { environmentUsage, processArgumentsOrExit, settingsOrExit } from '../process-arguments';

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
// Each loaded only once the one before has passed: a command line or a setting refused is answered
// without loading the system, and before anything is started or written.
void settingsOrExit(async () => (await import('../process-settings')).readApiProcessSettings()).then(
  async (settings) => (await import('./run-api')).runApi(settings),
);
