import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import type { Subscription } from '../event-store.port';
import type { AppendSignal } from './append-signal';

export interface CatchUpSource {
  /** Events after the checkpoint, in global order, at most `maxCount`. */
  readPage(after: bigint, maxCount: number): Promise<RecordedEvent[]>;
  readonly signal: AppendSignal;
  /** Upper bound on how long a live subscription waits without a signal before it looks again. */
  readonly pollIntervalMs: number;
}

const PAGE_SIZE = 500;

/**
 * Follows the log by checkpoint: read a page after the last delivered position, hand each event to the
 * handler (awaiting it, so delivery is in order and exactly once), and when the tail is reached wait for
 * an append signal or the poll interval. Correct only because positions become visible in order
 * (docs/decisions/0002-global-log-ordering.md): a checkpoint never jumps over a late commit.
 */
export function startCatchUpSubscription(
  source: CatchUpSource,
  after: bigint,
  handler: (event: RecordedEvent) => Promise<void> | void,
  onFinished: () => void,
): Subscription {
  let stopped = false;
  let interruptWait: () => void = () => undefined;

  const follow = async (): Promise<void> => {
    let checkpoint = after;
    while (!stopped) {
      const generation = source.signal.generation;
      const page = await source.readPage(checkpoint, PAGE_SIZE);
      for (const event of page) {
        if (stopped) return;
        await handler(event);
        checkpoint = event.globalPosition;
      }
      const atTail = page.length < PAGE_SIZE;
      if (atTail && !stopped && source.signal.generation === generation) {
        const wait = source.signal.wait(source.pollIntervalMs);
        interruptWait = wait.interrupt;
        await wait.woken;
      }
    }
  };

  const done = follow().finally(onFinished);
  // Callers that only ever call stop() must not get an unhandled rejection; `done` still rejects for
  // those who await it.
  done.catch(() => undefined);

  return {
    done,
    stop: async () => {
      stopped = true;
      interruptWait();
      // stop() reports that delivery has ended, not why: a failure is reported through `done`.
      await done.catch(() => undefined);
    },
  };
}
