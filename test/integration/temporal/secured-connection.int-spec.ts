import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { batchDecider } from '../../../domain/batch';
import { ensureProgrammeStarted } from '../../../apps/api/programme/ensure-programme';
import { createTownsWorker } from '../../../apps/worker/create-worker';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import { connectionOptions, connectTemporalClient } from '../../../infra/temporal/temporal-connection';
import { loadTemporalSecurity, type TemporalSecurity } from '../../../infra/temporal/temporal-security';
import { waitForWorkflow } from '../../helpers/programme-startup';
import { makeTestCertificates, type PemFiles, type TestCertificates } from '../../helpers/test-certificates';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';
import { pingxiangRehearsalOpeningToday } from '../../helpers/test-policy';
import { startTlsGateway, type TlsGateway } from '../../helpers/tls-gateway';

/**
 * The connection a cluster with mTLS and API keys demands, from the environment variables Temporal's own
 * tools read: the API's client and the worker (its Rust core and its own client) get through a gateway
 * that checks all three — server CA and name, client certificate, API key — and whoever lacks one does not.
 */
describe('the Temporal connection over TLS, mTLS and an API key', () => {
  const temporal = testTemporal();
  const apiKey = `key-${randomUUID()}`;
  let certificates: TestCertificates;
  let gateway: TlsGateway;
  let security: TemporalSecurity;

  beforeAll(async () => {
    certificates = makeTestCertificates();
    gateway = await startTlsGateway({
      upstream: temporal.address,
      cert: certificates.server.cert,
      key: certificates.server.key,
      clientCa: certificates.ca.cert,
      apiKey,
    });
    security = withClientCertificate(certificates.client);
  });

  /** The settings an operator gives every process, with this client certificate. */
  const withClientCertificate = (client: PemFiles): TemporalSecurity =>
    loadTemporalSecurity({
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.ca.certPath,
      TEMPORAL_TLS_SERVER_NAME: certificates.serverName,
      TEMPORAL_TLS_CLIENT_CERT_PATH: client.certPath,
      TEMPORAL_TLS_CLIENT_KEY_PATH: client.keyPath,
      TEMPORAL_API_KEY: apiKey,
    });

  afterAll(async () => {
    await gateway.close();
  });

  it('runs the programme through it: the API client starts it, the worker runs it and starts its batch', async () => {
    const policy = pingxiangRehearsalOpeningToday();
    const taskQueue = uniqueTaskQueue('tls');
    const store = await createEventStore({ kind: 'pglite' });
    const worker = await createTownsWorker({
      address: gateway.address,
      namespace: temporal.namespace,
      taskQueue,
      security,
      store,
      workflowBundle: { codePath: temporal.workflowBundlePath },
    });
    const running = worker.run();
    const api = connectTemporalClient({ address: gateway.address, namespace: temporal.namespace, security });
    try {
      const programmeId = `${policy.id}-${randomUUID().slice(0, 8)}`;
      await ensureProgrammeStarted(api.client, { programmeId, policy, taskQueue, store });
      // The batch is started by the worker's own client, from an activity: that connection is secured too.
      await waitForWorkflow(api.client, batchDecider.streamOf(programmeId, '2017', 'unambiguous'));
      expect(gateway.serverNames.length).toBeGreaterThan(0);
      expect(new Set(gateway.serverNames)).toEqual(new Set([certificates.serverName]));
      expect(gateway.counts.relayed).toBeGreaterThan(0);
      expect(gateway.counts.refusedApiKey).toBe(0);
    } finally {
      await worker.shutdown();
      await running;
      await api.close();
      await store.close();
    }
  });

  const refusedClient = async (who: TemporalSecurity): Promise<unknown> => {
    const connection = await Connection.connect({
      ...connectionOptions(gateway.address, who),
      connectTimeout: 2_000,
    });
    try {
      return await connection.workflowService.describeNamespace({ namespace: temporal.namespace });
    } finally {
      await connection.close();
    }
  };

  it('refuses a client without a certificate, with a stranger CA’s, with a wrong API key, or in clear text', async () => {
    const relayedBefore = gateway.counts.relayed;
    const without = { ...security, tls: { ...security.tls, clientCertPair: undefined } };
    await expect(refusedClient(without)).rejects.toThrow();
    const stranger = withClientCertificate(certificates.strangerClient);
    await expect(refusedClient(stranger)).rejects.toThrow();
    const refusedBefore = gateway.counts.refusedApiKey;
    await expect(refusedClient({ ...security, apiKey: 'not-the-key' })).rejects.toThrow();
    expect(gateway.counts.refusedApiKey).toBe(refusedBefore + 1);
    await expect(refusedClient({ tls: undefined, apiKey: undefined })).rejects.toThrow();
    // Not one of them reached Temporal.
    expect(gateway.counts.relayed).toBe(relayedBefore);
  });

  it('refuses the worker’s native connection with a stranger CA’s certificate', async () => {
    const stranger = withClientCertificate(certificates.strangerClient);
    const relayedBefore = gateway.counts.relayed;
    await expect(NativeConnection.connect(connectionOptions(gateway.address, stranger))).rejects.toThrow();
    expect(gateway.counts.relayed).toBe(relayedBefore);
  });
});
