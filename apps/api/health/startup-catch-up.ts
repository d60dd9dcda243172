import type { EventStore } from '../../../infra/event-store/event-store.port';
import type { ProjectorStatus } from '../read-models/projector';
import type { Check } from './readiness';

/**
 * Whether the read models have folded the log as it stood when this API started: they are rebuilt from
 * position 0 or from their snapshot's position at every start (the checkpoint stays 0 while a snapshot
 * loads), and until they are through, lists and totals are short. Once caught up
 * they follow the live log, and a moment's lag under load is not "not ready" — each caller's query waits
 * for its own writes (read-models.service.ts) — so this is asked only until the first time it holds.
 */
export class StartupCatchUp {
  private caughtUp = false;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly readModels: { readonly status: Pick<ProjectorStatus, 'checkpoint'> },
  ) {}

  async check(): Promise<Check> {
    if (this.caughtUp) return { status: 'up' };
    const { checkpoint } = this.readModels.status;
    try {
      const [next] = await this.store.readAll({ after: checkpoint, maxCount: 1 });
      if (next === undefined) {
        this.caughtUp = true;
        return { status: 'up' };
      }
      return {
        status: 'down',
        error: `the read models have folded the log up to position ${checkpoint}; it holds events past it`,
      };
    } catch (error) {
      return { status: 'down', error: error instanceof Error ? error.message : String(error) };
    }
  }
}
