/**
 * Worker threads that recompute content hashes while the main thread reads the log and checks the
 * chains. Canonicalising and hashing every event costs more than reading it, so on one thread a
 * verification runs at well under half the speed of a plain read; spread over the machine's cores it
 * keeps up (docs/benchmarks.md).
 */
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChainedEventText } from '../event-store/event-store.port';
import { AuditError } from '../../domain/audit/audit.errors';
import type { ContentCheckReply, ContentCheckRequest } from './content-check-protocol';

interface Pending {
  readonly resolve: (reply: ContentCheckReply) => void;
  readonly reject: (error: unknown) => void;
}

export class ContentCheckPool {
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  private constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) {
      worker.on('message', (reply: ContentCheckReply) => {
        const waiting = this.pending.get(reply.request);
        this.pending.delete(reply.request);
        waiting?.resolve(reply);
      });
      worker.on('error', (error) =>
        this.failAll(
          new AuditError('VERIFY_WORKER_FAILED', `A content check worker failed: ${error.message}`, {
            cause: error,
          }),
        ),
      );
      worker.on('exit', (code) => {
        if (this.pending.size > 0) {
          this.failAll(
            new AuditError('VERIFY_WORKER_FAILED', `A content check worker exited with code ${code}`),
          );
        }
      });
    }
  }

  /** One worker per core but the one the caller reads and checks the chains on; at least one. */
  static start(size = Math.max(1, availableParallelism() - 1)): ContentCheckPool {
    return new ContentCheckPool(Array.from({ length: size }, startWorker));
  }

  /** The events of the page whose content does not match its stored hash, with the hash recomputed. */
  async check(page: readonly ChainedEventText[]): Promise<{ event: ChainedEventText; recomputed: string }[]> {
    const request = this.next;
    this.next += 1;
    const fields: string[] = [];
    for (const event of page) {
      fields.push(
        event.id,
        event.stream,
        String(event.streamVersion),
        event.type,
        event.occurredAt,
        event.dataJson,
        event.metadataJson,
        event.contentHash,
      );
    }
    const reply = await new Promise<ContentCheckReply>((resolve, reject) => {
      const message: ContentCheckRequest = { request, fields };
      this.pending.set(request, { resolve, reject });
      this.workers[request % this.workers.length]!.postMessage(message);
    });
    return reply.mismatches.map(([index, recomputed]) => ({ event: page[index]!, recomputed }));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private failAll(error: unknown): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * Run from TypeScript (ts-node, Jest) the worker has no loader of its own, so it is given ts-node's;
 * compiled, it runs the JavaScript next to this file.
 */
function startWorker(): Worker {
  const script = join(__dirname, `content-hash-worker${extname(__filename)}`);
  if (extname(__filename) !== '.ts') return new Worker(script);
  return new Worker(
    `require('ts-node').register({ transpileOnly: true }); require(${JSON.stringify(script)});`,
    { eval: true },
  );
}
