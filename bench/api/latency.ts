/** Latency of an in-process operation under the same concurrency as the HTTP load. */
export interface LatencyResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly perSecond: number;
  readonly count: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Runs `op(i)` for i in 0..count-1 from `concurrency` workers at once, timing each call. */
export async function measureLatency(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<LatencyResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const t0 = process.hrtime.bigint();
      await op(i);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    perSecond: count / seconds,
    count,
  };
}
