/**
 * `npm start`: the whole system in one process on one machine — a Temporal dev server (unless
 * TEMPORAL_ADDRESS names one), the worker, and the API, sharing one event store. One process because
 * the embedded store (PGlite) admits one process at a time; with PostgreSQL or KurrentDB the worker
 * and the API can also run apart (apps/worker/main.ts, apps/api/main.ts).
 *
 * `npm run start:training` (`--training`) runs the same system on Temporal's time-skipping test server
 * instead, with a data directory of its own and an event store in memory: an administrator moves the
 * virtual clock from the console (docs/decisions/0107).
 *
 * The dev server is supervised (restarted with backoff when it dies); if it cannot be brought back, or
 * the worker fails, the whole process stops with exit code 1 and stops what it started, so that a
 * supervisor of its own can start it again.
 */
import { environmentUsage, processArgumentsOrExit, settingsOrExit } from './process-arguments';

const flags = processArgumentsOrExit(
  environmentUsage(
    'npm start',
    'The whole system on one machine: a Temporal dev server, the worker, the API and the web console,\n' +
      'with the embedded event store. `npm run start:training` (--training) runs it on the time-skipping\n' +
      'test server, with a clock an administrator moves.',
    { names: ['PORT', 'DATA_DIR', 'EVENT_STORE', 'TEMPORAL_ADDRESS'], example: 'PORT=8080' },
  ),
  ['training'],
);
const training = flags.has('training');
// Each loaded only once the one before has passed: a command line or a setting refused is answered
// without loading the system, and before anything is started or written.
void settingsOrExit(async () => (await import('./start-settings')).readStartSettings(training)).then(
  async (settings) => (await import('./start-system')).startSystem(training, settings),
);
