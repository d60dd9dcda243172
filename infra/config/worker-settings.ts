import { z } from 'zod';
import { parseSettings } from './app-config';

/**
 * How the worker keeps workflows in memory and how it stops (README, "Configuration"; decision 0065).
 * Both are set here rather than left to the SDK's defaults: the SDK sizes its cache from the heap of
 * whatever machine it lands on, and by default cancels an append in flight the moment shutdown begins.
 */
export interface WorkerSettings {
  /**
   * Workflows the officials' worker keeps in memory between tasks (its sticky cache). A workflow pushed
   * out is replayed from its history when it next wakes; 0 turns the cache off.
   */
  readonly maxCachedWorkflows: number;
  /** How long a stopping worker lets tasks in flight finish before it cancels the activities left. */
  readonly shutdownGraceMs: number;
}

/**
 * 500 workflows: closing day's working set (a batch and the towns applying at that moment) with room to
 * spare, at well under 1 MB each. Ten seconds: longer than an append's 8 s start-to-close (decision
 * 0060), so a step being recorded when the worker stops is recorded, not cancelled and retried, and
 * shorter than the 30 s an orchestrator usually waits before it kills the process.
 */
export const defaultWorkerSettings: WorkerSettings = { maxCachedWorkflows: 500, shutdownGraceMs: 10_000 };

const envSchema = z.object({
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    // The SDK needs room for a task and its successor; it would quietly take 2 for 1.
    .refine((size) => size !== 1, '0 (no cache) or at least 2')
    .default(defaultWorkerSettings.maxCachedWorkflows),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(defaultWorkerSettings.shutdownGraceMs),
});

export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const e = parseSettings(envSchema, env);
  return {
    maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    shutdownGraceMs: e.WORKER_SHUTDOWN_GRACE_MS,
  };
}
