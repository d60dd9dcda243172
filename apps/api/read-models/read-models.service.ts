import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { foldInSpans } from './fold-span';
import { Projector, type ProjectorStatus } from './projector';
import { RecentStepsSeen, recentStepsOf, type StepSummary } from './recent-steps';
import { ProgrammeReadModels } from './read-models';
import { restoreReadModels, type SnapshotPlace, snapshotPlaceOf, takeSnapshot } from './snapshot-keeping';
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
import type { CatchUp } from './read-route.decorator';
import type { TownRecord } from './town-record';

const maxRememberedWriters = 10_000;
/** The longest wait for the fold to move before a workflow is asked again (`agreeingWith`). */
const agreementPollMs = 250;

function readModelBehind(what: { readonly en: string; readonly zh: string }) {
  return bilingualProblem(
    503,
    'READ_MODEL_BEHIND',
    'Service Unavailable',
    {
      en: `The read models have not caught up with ${what.en} yet; retry shortly.`,
      zh: `查询数据尚未更新到${what.zh}，请稍后重试。`,
    },
    { 'Retry-After': '1' },
  );
}

export interface ReadModelsStatus extends ProjectorStatus {
  /** The snapshot this API resumed from at start; undefined when it folded the log from 0. */
  readonly resumedFrom: { readonly position: bigint; readonly takenAt: string } | undefined;
}

/**
 * The read models and the projector that keeps them, for as long as the application runs; plus each
 * caller's latest write, so their next query waits until the read models have folded it. At start the
 * read models resume from their snapshot where the store keeps one that matches the log, and are
 * snapshotted again as they go and at shutdown (docs/decisions/0122-read-model-snapshots-in-the-store.md).
 */
@Injectable()
export class ReadModelsService implements OnApplicationBootstrap, OnModuleDestroy {
  private current = new ProgrammeReadModels();
  private readonly recentStepsSeen = new RecentStepsSeen();
  private readonly projector: Projector;
  private readonly logger = new Logger('ReadModels');
  private readonly latestWriteByUser = new Map<string, bigint>();
  private readonly timeoutMs: number;
  private readonly snapshotPlace: SnapshotPlace | undefined;
  private readonly snapshotEveryEvents: number;
  private readonly snapshotEveryMs: number;
  private stopObservingLag?: () => void;
  private starting: Promise<void> | undefined;
  private stopping = false;
  private resumedFrom: ReadModelsStatus['resumedFrom'];
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotInFlight: Promise<void> | undefined;
  private snapshotPosition = 0n;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) settings: ApiSettings,
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
  ) {
    this.timeoutMs = settings.readYourWritesTimeoutMs ?? defaultApiSettings.readYourWritesTimeoutMs;
    this.snapshotPlace = snapshotPlaceOf(store);
    this.snapshotEveryEvents =
      settings.readModelSnapshotEveryEvents ?? defaultApiSettings.readModelSnapshotEveryEvents;
    this.snapshotEveryMs =
      (settings.readModelSnapshotEverySeconds ?? defaultApiSettings.readModelSnapshotEverySeconds) * 1000;
    this.projector = new Projector({
      store,
      apply: foldInSpans((event) => {
        this.current.apply(event);
        this.recentStepsSeen.seen(event);
        // Folded up to this event, synchronously: a snapshot taken now is the state at its position.
        const every = this.snapshotEveryEvents;
        if (every > 0 && event.globalPosition - this.snapshotPosition >= BigInt(every))
          this.snapshot(event.globalPosition);
      }),
      onError: (error, { position }) =>
        this.logger.warn(
          position === undefined
            ? `Following the event store failed, retrying: ${String(error)}`
            : `Event at ${position} could not be folded and was skipped: ${String(error)}`,
        ),
    });
  }

  /** What the query endpoints answer from; replaced once, when a snapshot is restored at start. */
  get models(): ProgrammeReadModels {
    return this.current;
  }

  onApplicationBootstrap(): void {
    // Not awaited: the API answers (health says not ready) while a large snapshot loads.
    this.starting = this.resumeAndFollow();
    // Positions count events on the SQL stores only (gap-free); KurrentDB's commit positions do not.
    const log = this.store.chained;
    if (!log?.gapFreePositions) return;
    this.stopObservingLag = this.metrics.observeReadModelLag(async () => {
      const last = await log.lastPosition();
      return last === undefined ? undefined : Number(last - this.projector.checkpoint);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.stopObservingLag?.();
    clearInterval(this.snapshotTimer);
    await this.starting;
    await this.projector.stop();
    await this.snapshotInFlight;
    // The next start resumes from here rather than from the last periodic snapshot.
    if (this.projector.checkpoint > this.snapshotPosition) this.snapshot(this.projector.checkpoint);
    await this.snapshotInFlight;
  }

  get status(): ReadModelsStatus {
    return { ...this.projector.status, resumedFrom: this.resumedFrom };
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
  async catchUpFor({ caller: principal, minPosition }: CatchUp): Promise<void> {
    if (minPosition !== undefined && minPosition > this.projector.checkpoint)
      await this.requireLogged(minPosition);
    const own = this.latestWriteByUser.get(principal.userId) ?? 0n;
    const wanted = minPosition !== undefined && minPosition > own ? minPosition : own;
    if (wanted === 0n || this.projector.checkpoint >= wanted) {
      if (own !== 0n && this.projector.checkpoint >= own) this.latestWriteByUser.delete(principal.userId);
      return;
    }
    if (await this.projector.waitFor(wanted, this.timeoutMs)) return;
    throw readModelBehind({ en: `position ${wanted}`, zh: `位置${wanted}` });
  }

  /**
   * What `read` finds in the read models once they agree with a workflow's answer (`ask`): asked again
   * each time the fold moves on, since either may be a step ahead of the other; 503 when they do not
   * agree within the read-your-writes timeout.
   */
  async agreeingWith<A, R>(
    ask: () => Promise<A>,
    read: (models: ProgrammeReadModels, answer: A) => R | undefined,
  ): Promise<R> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const found = read(this.models, await ask());
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw readModelBehind({ en: "the workflow's state", zh: '工作流的状态' });
      await this.projector.waitFor(this.projector.checkpoint + 1n, Math.min(left, agreementPollMs));
    }
  }

  /** A town's record once the caller's writes are folded (as `catchUpFor`); 404 when there is none. */
  async townFor(read: CatchUp & { readonly townId: string }): Promise<TownRecord> {
    const { townId } = read;
    await this.catchUpFor(read);
    const record = this.models.town(townId);
    if (!record) throw townNotFound(townId);
    return record;
  }

  /** The town's latest steps as far as its record is folded: from memory, or else from its stream. */
  async recentSteps(record: TownRecord): Promise<StepSummary[]> {
    return this.recentStepsSeen.of(record) ?? recentStepsOf(this.store, record);
  }

  private async resumeAndFollow(): Promise<void> {
    const place = this.snapshotPlace;
    if (place !== undefined) await this.resume(place);
    if (this.stopping) return;
    this.projector.start(this.resumedFrom?.position ?? 0n);
    if (place !== undefined && this.snapshotEveryMs > 0) {
      this.snapshotTimer = setInterval(() => {
        if (this.projector.checkpoint > this.snapshotPosition) this.snapshot(this.projector.checkpoint);
      }, this.snapshotEveryMs);
      this.snapshotTimer.unref();
    }
  }

  private async resume(place: SnapshotPlace): Promise<void> {
    try {
      const outcome = await restoreReadModels(place);
      if (outcome.kind === 'resumed') {
        this.current = outcome.models;
        this.resumedFrom = { position: outcome.position, takenAt: outcome.takenAt };
        this.snapshotPosition = outcome.position;
        this.logger.log(
          `Read models resumed from the snapshot at position ${outcome.position} (taken ${outcome.takenAt}); following the log from there`,
        );
      } else if (outcome.kind === 'refused') {
        this.logger.warn(`Read-model snapshot refused (${outcome.reason}); folding the log from position 0`);
      } else {
        this.logger.log('No read-model snapshot kept; folding the log from position 0');
      }
    } catch (error) {
      this.logger.warn(
        `Read-model snapshot could not be loaded (${String(error)}); folding the log from position 0`,
      );
    }
  }

  /** One snapshot at a time; one asked for while another is being stored waits for the next trigger. */
  private snapshot(position: bigint): void {
    const place = this.snapshotPlace;
    if (place === undefined || this.snapshotInFlight !== undefined) return;
    this.snapshotPosition = position;
    this.snapshotInFlight = takeSnapshot(place, this.current, position)
      .then(
        (taken) => {
          if (taken)
            this.logger.log(`Read models snapshotted at position ${taken.position} (${taken.bytes} bytes)`);
        },
        (error: unknown) => this.logger.warn(`Read-model snapshot at ${position} failed: ${String(error)}`),
      )
      .finally(() => {
        this.snapshotInFlight = undefined;
      });
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
