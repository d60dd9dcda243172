import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
  type TLSConfig,
} from '@temporalio/client';
import { plainTemporal, type TemporalSecurity } from './temporal-security';

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
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 }))],
  };
}

/** A Temporal client for the API. Lazy, so the API starts (and reports itself not ready) while Temporal is down. */
export function connectTemporalClient(target: TemporalTarget): TemporalClientHandle {
  const connection = Connection.lazy(interactiveConnectionOptions(target.address, target.security));
  const client = new Client({ connection, namespace: target.namespace });
  return { client, close: () => connection.close() };
}
