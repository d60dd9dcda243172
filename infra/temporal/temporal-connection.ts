import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';

export interface TemporalClientHandle {
  readonly client: Client;
  close(): Promise<void>;
}

/**
 * Connection options for callers an official is waiting on (the API). The SDK's default retries an
 * unreachable server for about half a minute; an official should hear "unavailable, retry shortly"
 * within a few seconds instead.
 */
export function interactiveConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    connectTimeout: 3_000,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 }))],
  };
}

/** A Temporal client for the API. Lazy, so the API starts (and reports itself not ready) while Temporal is down. */
export function connectTemporalClient(address: string, namespace: string): TemporalClientHandle {
  const connection = Connection.lazy(interactiveConnectionOptions(address));
  const client = new Client({ connection, namespace });
  return { client, close: () => connection.close() };
}
