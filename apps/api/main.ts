/** The API alone, for deployments where the event store admits several processes (PostgreSQL, KurrentDB). */
import { resolveProgrammePolicy } from '../../infra/config/programme-policy';
import { describeStartupFailure } from '../startup-failure';
import { loadConfig } from '../../infra/config/app-config';
import { createEventStore } from '../../infra/event-store/create-event-store';
import { connectTemporalClient } from '../../infra/temporal/temporal-connection';
import { loadAuthConfig, resolveAuthKeys } from '../../infra/auth/auth-config';
import { loadApiSettings, verifierFor } from './api-config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfig();
  const policy = resolveProgrammePolicy(config.policy, new Date());
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is required to run the API on its own');
  // On its own the API only verifies: the key comes from the identity provider (AUTH_PUBLIC_KEY_FILE).
  const auth = loadAuthConfig();
  const keys = resolveAuthKeys(auth);
  const settings = loadApiSettings({ taskQueue: config.temporal.taskQueue, policy });
  const store = await createEventStore(config.eventStore);
  const temporal = connectTemporalClient(config.temporal.address, config.temporal.namespace);
  const api = await createApi({
    client: temporal.client,
    store,
    verifier: verifierFor(auth, keys, policy),
    settings,
  });
  await api.listen(config.http.port, config.http.host);
  console.log(`API on http://localhost:${config.http.port}/api (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(describeStartupFailure(error));
  process.exit(1);
});
