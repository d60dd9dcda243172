import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Principal } from '../../../infra/auth/principal';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { foldInSpans } from './fold-span';
import { Projector, type ProjectorStatus } from './projector';
import { ProgrammeReadModels } from './read-models';
import type { ServiceMetrics } from '../../../infra/observability/service-metrics';
import {
  API_SETTINGS,
  defaultApiSettings,
  EVENT_STORE,
  SERVICE_METRICS,
  type ApiSettings,
} from '../api.tokens';
import { bilingualProblem, validationProblem } from '../errors/problem';
import { townNotFound } from '../shared/town-problems';
import type { TownRecord } from './town-record';

const maxRememberedWriters = 10_000;

/**
 * The read models and the projector that keeps them, for as long as the application runs; plus each
 * caller's latest write, so their next query waits until the read models have folded it.
 */
@Injectable()
export class ReadModelsService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly models = new ProgrammeReadModels();
  private readonly projector: Projector;
  private readonly logger = new Logger('ReadModels');
  private readonly latestWriteByUser = new Map<string, bigint>();
  private readonly timeoutMs: number;
  private stopObservingLag?: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) settings: ApiSettings,
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
  ) {
    this.timeoutMs = settings.readYourWritesTimeoutMs ?? defaultApiSettings.readYourWritesTimeoutMs;
    this.projector = new Projector({
      store,
      apply: foldInSpans((event) => this.models.apply(event)),
      onError: (error, { position }) =>
        this.logger.warn(
          position === undefined
            ? `Following the event store failed, retrying: ${String(error)}`
            : `Event at ${position} could not be folded and was skipped: ${String(error)}`,
        ),
    });
  }

  onApplicationBootstrap(): void {
    this.projector.start();
    // Positions count events on the SQL stores only (gap-free); KurrentDB's commit positions do not.
    const log = this.store.chained;
    if (!log?.gapFreePositions) return;
    this.stopObservingLag = this.metrics.observeReadModelLag(async () => {
      const last = await log.lastPosition();
      return last === undefined ? undefined : Number(last - this.projector.checkpoint);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopObservingLag?.();
    await this.projector.stop();
  }

  get status(): ProjectorStatus {
    return this.projector.status;
  }

  /** Called after a command succeeded with the global positions of the events it recorded. */
  recordWrite(userId: string, positions: readonly string[]): void {
    const latest = positions.reduce((max, position) => (BigInt(position) > max ? BigInt(position) : max), 0n);
    if (latest <= (this.latestWriteByUser.get(userId) ?? 0n)) return;
    if (this.latestWriteByUser.size >= maxRememberedWriters) {
      for (const [user, position] of this.latestWriteByUser) {
        if (position <= this.projector.checkpoint) this.latestWriteByUser.delete(user);
      }
    }
    this.latestWriteByUser.set(userId, latest);
  }

  /**
   * Waits (bounded) until the read models include the caller's own latest write and the position the
   * caller names (`X-Min-Position`); 503 with Retry-After if they do not get there in time. A position
   * the log has not reached is refused at once (400): waiting for it would only hold the request.
   */
  async catchUpFor(principal: Principal, minPosition: bigint | undefined): Promise<void> {
    if (minPosition !== undefined && minPosition > this.projector.checkpoint)
      await this.requireLogged(minPosition);
    const own = this.latestWriteByUser.get(principal.userId) ?? 0n;
    const wanted = minPosition !== undefined && minPosition > own ? minPosition : own;
    if (wanted === 0n || this.projector.checkpoint >= wanted) {
      if (own !== 0n && this.projector.checkpoint >= own) this.latestWriteByUser.delete(principal.userId);
      return;
    }
    if (await this.projector.waitFor(wanted, this.timeoutMs)) return;
    throw bilingualProblem(
      503,
      'READ_MODEL_BEHIND',
      'Service Unavailable',
      {
        en: `The read models have not caught up with position ${wanted} yet; retry shortly.`,
        zh: `查询数据尚未更新到位置${wanted}，请稍后重试。`,
      },
      { 'Retry-After': '1' },
    );
  }

  /** A town's record once the caller's writes are folded (as `catchUpFor`); 404 when there is none. */
  async townFor(principal: Principal, minPosition: bigint | undefined, townId: string): Promise<TownRecord> {
    await this.catchUpFor(principal, minPosition);
    const record = this.models.town(townId);
    if (!record) throw townNotFound(townId);
    return record;
  }

  /** The log holds an event at this position or after it (positions a command reported always are). */
  private async requireLogged(position: bigint): Promise<void> {
    const [reached] = await this.store.readAll({ after: position - 1n, maxCount: 1 });
    if (reached) return;
    throw validationProblem([
      {
        field: 'header:X-Min-Position',
        code: 'POSITION_NOT_IN_LOG',
        message: `X-Min-Position ${position} is beyond the last position of the log`,
      },
    ]);
  }
}
