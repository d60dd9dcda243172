import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
  type ConnectionPlugin,
  type TLSConfig,
} from '@temporalio/client';
import { tracingClientInterceptors } from './temporal-tracing';
import { plainTemporal, type TemporalSecurity } from './temporal-security';
import { updateAttemptsInterceptor } from './update-attempts';

/** Where a process finds Temporal and how it secures the connection: the same for every process of ours. */
export interface TemporalTarget {
  readonly address: string;
  readonly namespace: string;
  readonly security: TemporalSecurity;
}

export interface TemporalClientHandle {
  readonly client: Client;
  close(): Promise<void>;
}

/**
 * What every connection of ours carries: the address, TLS and the API key. The shape fits both the
 * client's `Connection` (API, checkpointer, audit CLI, the worker's own client) and the worker's
 * `NativeConnection` (the Rust core), so the two can never be secured differently.
 */
export function connectionOptions(
  address: string,
  security: TemporalSecurity = plainTemporal,
): { readonly address: string; readonly tls?: TLSConfig; readonly apiKey?: string } {
  return {
    address,
    ...(security.tls === undefined ? {} : { tls: security.tls }),
    ...(security.apiKey === undefined ? {} : { apiKey: security.apiKey }),
  };
}

/**
 * Connection options for callers an official is waiting on (the API). The SDK's default retries an
 * unreachable server for about half a minute; an official should hear "unavailable, retry shortly"
 * within a few seconds instead.
 */
export function interactiveConnectionOptions(
  address: string,
  security: TemporalSecurity = plainTemporal,
): ConnectionOptions {
  return {
    ...connectionOptions(address, security),
    connectTimeout: 3_000,
    // Outermost first: the attempts interceptor sits under the retries, so it sees each attempt.
    interceptors: [
      makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 })),
      updateAttemptsInterceptor,
    ],
  };
}

/**
 * The time-skipping test server (grpc-java) takes a keep-alive ping no more often than every five minutes
 * and closes a connection that pings more, while the client pings every 30 seconds by default: a call
 * under way when the server closes the connection fails or waits for a new one. Every client connection
 * to that server (training mode, the tests' worlds) pings less often than it demands.
 */
export const testServerChannelArgs = { 'grpc.keepalive_time_ms': 10 * 60_000 } as const;

/** The same rule for connections the SDK makes itself (`TestWorkflowEnvironment`). */
export const testServerKeepAlive: ConnectionPlugin = {
  name: 'test-server-keep-alive',
  configureConnection: (options) => ({
    ...options,
    channelArgs: { ...options.channelArgs, ...testServerChannelArgs },
  }),
};

/** Where the connection goes: any Temporal server, or the time-skipping test server with its stricter pings. */
export type TemporalServerKind = 'server' | 'test-server';

/** A Temporal client for the API. Lazy, so the API starts (and reports itself not ready) while Temporal is down. */
export function connectTemporalClient(
  target: TemporalTarget,
  serverKind: TemporalServerKind = 'server',
): TemporalClientHandle {
  const options = interactiveConnectionOptions(target.address, target.security);
  const connection = Connection.lazy(
    serverKind === 'test-server'
      ? { ...options, channelArgs: { ...options.channelArgs, ...testServerChannelArgs } }
      : options,
  );
  const client = new Client({
    connection,
    namespace: target.namespace,
    interceptors: tracingClientInterceptors(),
  });
  return { client, close: () => connection.close() };
}
