import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { defaultApiSettings, type ApiSettings } from '../api.tokens';

/** How long the store has to answer a health check; the readiness probe waits as long. */
export const storeHealthCheckMs = 3_000;

/**
 * The store answers, before a command is sent: a store that does not answer in time (its backends
 * hung, a pool waiting for a connection) is 503 EVENT_STORE_UNAVAILABLE with nothing sent, within the
 * command's own deadline.
 */
export async function storeAnswers(
  store: Pick<EventStore, 'checkHealth'>,
  settings: Pick<ApiSettings, 'commandTimeoutMs'>,
): Promise<void> {
  const ms = Math.min(storeHealthCheckMs, settings.commandTimeoutMs ?? defaultApiSettings.commandTimeoutMs);
  await withTimeout(
    store.checkHealth(),
    ms,
    () => new EventStoreUnavailableError(`The event store did not answer its health check within ${ms} ms`),
  );
}

/** `promise`, or `late()` thrown when it has not settled within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(late()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
