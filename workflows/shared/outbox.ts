import { log, patched } from '@temporalio/workflow';

/** Messages to different recipients go out concurrently, to one recipient in order (decision 0042). */
export const CONCURRENT_RELAYS_PATCH = 'concurrent-relays';

/** Far below the server's limit on a workflow's pending outgoing signals (2,000 by default). */
const MAX_MESSAGES_IN_FLIGHT = 500;

/**
 * Messages to other workflows, queued by handlers and sent by the main loop, so a handler never waits on
 * another workflow and the queue can be drained (and carried over) before continue-as-new. A message whose
 * recipient is gone cannot be delivered by retrying: it is logged and dropped.
 */
export class Outbox<M> {
  private readonly queue: M[];
  /** Taken from the queue by a concurrent drain and not sent yet (by sequence): still pending. */
  private readonly sending = new Map<number, M>();
  private sequence = 0;
  private readonly recipientOf: ((message: M) => string) | undefined;

  /** Without `recipientOf` (or before the patch) every message waits for the one before it. */
  constructor(
    carried: readonly M[],
    private readonly send: (message: M) => Promise<void>,
    options: { readonly recipientOf?: (message: M) => string } = {},
  ) {
    this.queue = [...carried];
    this.recipientOf =
      options.recipientOf && patched(CONCURRENT_RELAYS_PATCH) ? options.recipientOf : undefined;
  }

  get size(): number {
    return this.sending.size + this.queue.length;
  }

  get pending(): readonly M[] {
    return [...this.sending.values(), ...this.queue];
  }

  push(...messages: readonly M[]): void {
    this.queue.push(...messages);
  }

  async drain(): Promise<void> {
    if (this.recipientOf) {
      await this.drainByRecipient(this.recipientOf);
      return;
    }
    // Pre-patch path (`concurrent-relays`, decision 0042): one message after another, await for await.
    for (let message = this.queue[0]; message !== undefined; message = this.queue[0]) {
      try {
        await this.send(message);
      } catch (error) {
        log.warn('Message not delivered', { message, error: String(error) });
      }
      this.queue.shift();
    }
  }

  /**
   * Recipients concurrently, each one's messages in order: a relayed round reaches every town in one
   * workflow task instead of one task per town. Messages queued meanwhile go out in the next round.
   */
  private async drainByRecipient(recipientOf: (message: M) => string): Promise<void> {
    while (this.queue.length > 0) {
      const lanes = new Map<string, number[]>();
      for (const message of this.queue.splice(0)) {
        const id = (this.sequence += 1);
        this.sending.set(id, message);
        const recipient = recipientOf(message);
        const lane = lanes.get(recipient);
        if (lane) lane.push(id);
        else lanes.set(recipient, [id]);
      }
      const waiting = [...lanes.values()];
      const sendLanes = async (): Promise<void> => {
        for (let lane = waiting.shift(); lane !== undefined; lane = waiting.shift()) {
          for (const id of lane) {
            const message = this.sending.get(id);
            if (message !== undefined) await this.deliver(message);
            this.sending.delete(id);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(MAX_MESSAGES_IN_FLIGHT, waiting.length) }, sendLanes));
    }
  }

  private async deliver(message: M): Promise<void> {
    try {
      await this.send(message);
    } catch (error) {
      log.warn('Message not delivered', { message, error: String(error) });
    }
  }
}
