import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { EventStore, Subscription } from '../../../infra/event-store/event-store.port';

export interface ProjectorOptions {
  readonly store: Pick<EventStore, 'subscribeToAll'>;
  /** Folds one event into the read models; called once per event, in global order. */
  readonly apply: (event: RecordedEvent) => void;
  /** Told about store failures (the projector retries) and events that could not be folded. */
  readonly onError?: (error: unknown, context: { position?: bigint }) => void;
  /** Delay before re-subscribing after a failure, doubling up to `max`. */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
}

export interface ProjectorStatus {
  readonly checkpoint: bigint;
  readonly running: boolean;
  /** The last store failure since the last event was folded; undefined while all is well. */
  readonly lastError: string | undefined;
  /** Events whose folding threw: skipped, so one bad event cannot stall every reader. */
  readonly skippedEvents: number;
}

interface Waiter {
  readonly position: bigint;
  readonly settle: (reached: boolean) => void;
}

/**
 * Follows the whole log with a catch-up subscription (stored events after the checkpoint, then live
 * ones) and folds each event into the read models, advancing the checkpoint. A reader that must see a
 * write waits for the checkpoint to reach the write's global position; positions are gap-free and in
 * commit order, so reaching it means everything before it is folded too.
 */
export class Projector {
  private position = 0n;
  private subscription: Subscription | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private running = false;
  private lastError: string | undefined;
  private skipped = 0;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly options: ProjectorOptions) {
    this.retryDelay = options.retryDelayMs?.initial ?? 500;
  }

  get checkpoint(): bigint {
    return this.position;
  }

  get status(): ProjectorStatus {
    return {
      checkpoint: this.position,
      running: this.running,
      lastError: this.lastError,
      skippedEvents: this.skipped,
    };
  }

  /** Follows the log after `after`: 0 folds it all, a snapshot's position resumes where it was taken. */
  start(after: bigint = this.position): void {
    if (this.running) return;
    this.position = after;
    this.running = true;
    this.subscribe();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.stop();
    for (const waiter of this.waiters) waiter.settle(false);
    this.waiters.clear();
  }

  /** Resolves true once the checkpoint is at or past `position`, false after `timeoutMs` or on stop. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    if (!this.running) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiter.settle(false), timeoutMs);
      const waiter: Waiter = {
        position,
        settle: (reached) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      this.waiters.add(waiter);
    });
  }

  private subscribe(): void {
    const subscription = this.options.store.subscribeToAll({ after: this.position }, (event) =>
      this.handle(event),
    );
    this.subscription = subscription;
    subscription.done.then(
      () => this.resubscribeLater(subscription),
      (error: unknown) => {
        if (!this.running || this.subscription !== subscription) return;
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onError?.(error, {});
        this.resubscribeLater(subscription);
      },
    );
  }

  /** A subscription that ended while we still run (store down, connection lost) is started again. */
  private resubscribeLater(ended: Subscription): void {
    if (!this.running || this.subscription !== ended) return;
    this.subscription = undefined;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryDelayMs?.max ?? 10_000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) this.subscribe();
    }, delay);
  }

  private handle(event: RecordedEvent): void {
    try {
      this.options.apply(event);
    } catch (error) {
      this.skipped += 1;
      this.options.onError?.(error, { position: event.globalPosition });
    }
    this.position = event.globalPosition;
    this.lastError = undefined;
    this.retryDelay = this.options.retryDelayMs?.initial ?? 500;
    for (const waiter of this.waiters) if (waiter.position <= this.position) waiter.settle(true);
  }
}
