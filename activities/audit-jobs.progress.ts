import type { AuditJobProgress } from './audit-jobs.types';

export interface ProgressChannel {
  /** Liveness for Temporal (the activity's heartbeat), as often as there is news. */
  heartbeat(progress: AuditJobProgress): void;
  /** Tells the job's workflow, which answers the status query with it; may fail, never blocks the job. */
  publish(progress: AuditJobProgress): Promise<void>;
  warn(message: string): void;
  now(): number;
}

/** The workflow hears of progress at most this often: every report is an event in its history. */
export const PUBLISH_INTERVAL_MS = 1_000;
/** A job busy in a step without progress reports still heartbeats, well inside its heartbeat timeout. */
const HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * Progress of one activity attempt: heartbeated on every update, published to the workflow at most once
 * a second and once more at the end, one publication at a time so they arrive in order.
 */
export class ProgressReporter {
  private latest: AuditJobProgress;
  private published: AuditJobProgress | undefined;
  private lastPublishedAt = Number.NEGATIVE_INFINITY;
  private sending: Promise<void> = Promise.resolve();
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly channel: ProgressChannel,
    attempt: number,
    unit: string,
  ) {
    this.latest = { attempt, done: 0, total: null, unit };
    this.ticker = setInterval(() => channel.heartbeat(this.latest), HEARTBEAT_INTERVAL_MS);
    this.ticker.unref();
    this.publish();
  }

  update(done: number, total: number | null): void {
    this.latest = { ...this.latest, done, total };
    this.channel.heartbeat(this.latest);
    if (this.channel.now() - this.lastPublishedAt >= PUBLISH_INTERVAL_MS) this.publish();
  }

  /** Publishes the last state and waits for every publication to be through. */
  async finish(): Promise<void> {
    clearInterval(this.ticker);
    if (this.published !== this.latest) this.publish();
    await this.sending;
  }

  private publish(): void {
    const progress = this.latest;
    this.published = progress;
    this.lastPublishedAt = this.channel.now();
    this.sending = this.sending.then(() =>
      this.channel.publish(progress).catch((error: unknown) => {
        this.channel.warn(
          `Progress not delivered: ${error instanceof Error ? error.message : String(error)}`,
        );
      }),
    );
  }
}
