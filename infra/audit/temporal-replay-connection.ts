/**
 * A Temporal client for the replay, connected eagerly: an auditor who points it at the wrong address or
 * namespace hears so within seconds, with a stable code, instead of after the SDK's long retries.
 */
import { Client, Connection } from '@temporalio/client';
import { connectionOptions } from '../temporal/temporal-connection';
import { plainTemporal, type TemporalSecurity } from '../temporal/temporal-security';
import { grpcCodeOf, grpcStatus, messageOf, TemporalReplayError } from './temporal-replay-errors';

export interface ReplayClient {
  readonly client: Client;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

export async function connectReplayClient(
  address: string,
  namespace: string,
  security: TemporalSecurity = plainTemporal,
): Promise<ReplayClient> {
  const connection = await Connection.connect({
    ...connectionOptions(address, security),
    connectTimeout: CONNECT_TIMEOUT_MS,
  }).catch((error: unknown) => {
    throw new TemporalReplayError(
      'TEMPORAL_UNAVAILABLE',
      `Temporal is not reachable at ${address} (${messageOf(error)}). Is the server running? ` +
        'With `npm start` the dev server runs only while it does; otherwise set TEMPORAL_ADDRESS.',
      { cause: error },
    );
  });
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (error) {
    await connection.close();
    if (grpcCodeOf(error) === grpcStatus.notFound) {
      throw new TemporalReplayError(
        'TEMPORAL_NAMESPACE_NOT_FOUND',
        `Temporal at ${address} has no namespace "${namespace}" (TEMPORAL_NAMESPACE)`,
        { cause: error },
      );
    }
    throw new TemporalReplayError(
      'TEMPORAL_UNAVAILABLE',
      `Temporal at ${address} did not answer for namespace "${namespace}": ${messageOf(error)}`,
      { cause: error },
    );
  }
  return { client: new Client({ connection, namespace }), close: () => connection.close() };
}
