/**
 * What the workflow code is bundled with, wherever it is bundled: the worker, the auditors' replay, the
 * tests and the benchmarks. Modules are named by path, because infra/ may not import workflows/.
 */
import { resolve } from 'node:path';
import { projectRoot } from './temporal-binaries';

/** The product's workflows, as the worker registers them. */
function workflowsPath(): string {
  return require.resolve(resolve(projectRoot, 'workflows'));
}

/**
 * Modules every workflow of a worker thread shares instead of loading its own copy. Without a preload,
 * the SDK's reusable context evaluates every module the workflow code imports once per workflow, and a
 * cached workflow keeps its copies. Preloaded, each is evaluated once per worker thread, with everything
 * it imports in turn:
 * - the memory of parsed policy packs, so a pack is validated and hashed once per version and thread
 *   rather than at every workflow start (decision 0042);
 * - the sandbox's stack-trace depth, which must be set before the sandbox's globals are frozen
 *   (decision 0133);
 * - the workflow code, and through it the domain it decides with (decision 0136).
 * Preloaded modules are shared by every workflow and frozen, so none may keep state at module level but
 * the packs' memory, which is a `Map` (freezing does not stop its entries changing):
 * `preloaded-modules.spec.ts` holds `domain/` and `workflows/` to that. zod and the ed25519 curve are not
 * shared (they cannot be frozen); the code loads them on first use, inside a workflow (decision 0131).
 */
export function preloadedWorkflowModules(): string[] {
  return ['domain/policy/parsed-packs', 'workflows/stack-trace-frames.preload', 'workflows'].map((module) =>
    require.resolve(resolve(projectRoot, module)),
  );
}

export function workflowBundleOptions(): { workflowsPath: string; preloadModules: string[] } {
  return { workflowsPath: workflowsPath(), preloadModules: preloadedWorkflowModules() };
}
