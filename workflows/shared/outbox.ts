import { log } from '@temporalio/workflow';

/**
 * Messages to other workflows, queued by handlers and sent by the main loop, so a handler never waits on
 * another workflow and the queue can be drained (and carried over) before continue-as-new.
 */
export class Outbox<M> {
  private readonly queue: M[];

  constructor(
    carried: readonly M[],
    private readonly send: (message: M) => Promise<void>,
  ) {
    this.queue = [...carried];
  }

  get size(): number {
    return this.queue.length;
  }

  get pending(): readonly M[] {
    return [...this.queue];
  }

  push(...messages: readonly M[]): void {
    this.queue.push(...messages);
  }

  /**
   * Sends in order. A message whose recipient is gone (it completed, or never existed) cannot be
   * delivered by retrying: it is logged and dropped, and the loop goes on.
   */
  async drain(): Promise<void> {
    for (let message = this.queue[0]; message !== undefined; message = this.queue[0]) {
      try {
        await this.send(message);
      } catch (error) {
        log.warn('Message not delivered', { message, error: String(error) });
      }
      this.queue.shift();
    }
  }
}
