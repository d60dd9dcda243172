/**
 * What every command needs: the configuration, the store (opened only by commands that read it, and
 * always closed), and the output conventions (`--json` on stdout, progress on stderr).
 */
import { loadAuditConfig, type AuditConfig } from '../../infra/audit/audit-config';
import { bigintAsDecimal } from '../../audit/shared/audit-json';
import type { EventStore } from '../../infra/event-store/event-store.port';

export interface Output {
  readonly json: boolean;
  /** The result: JSON with `--json`, otherwise the human lines. */
  result(value: unknown, lines: () => readonly string[]): void;
}

export function output(json: boolean): Output {
  return {
    json,
    result(value, lines) {
      process.stdout.write(
        json ? `${JSON.stringify(value, bigintAsDecimal, 2)}\n` : `${lines().join('\n')}\n`,
      );
    },
  };
}

export function auditConfig(): AuditConfig {
  return loadAuditConfig();
}

/**
 * Opens the configured store, runs `work`, and closes the store whatever happens. The configuration and
 * the drivers are loaded here, not before: a command that needs no store (`verify --bundle`) never
 * loads them, nor reads the store's settings.
 */
export async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../../infra/config/app-config');
  const { createEventStore } = await import('../../infra/event-store/create-event-store');
  const store = await createEventStore(loadConfig().eventStore);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
