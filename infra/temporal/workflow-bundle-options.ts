/**
 * What the workflow code is bundled with, wherever it is bundled: the worker, the auditors' replay, the
 * tests and the benchmarks. Modules are named by path, because infra/ may not import workflows/.
 */
import { resolve } from 'node:path';
import { projectRoot } from './temporal-binaries';

/** The product's workflows, as the worker registers them. */
export function workflowsPath(): string {
  return require.resolve(resolve(projectRoot, 'workflows'));
}

/**
 * The domain modules the workflows import by value. Preloaded, each is evaluated once per worker thread
 * with everything it imports in turn, and every workflow shares that one copy (decision 0136); without
 * it, each cached workflow held its own. `preloaded-workflow-modules.spec.ts` holds this list to the
 * workflows' imports.
 */
export const domainModulesOfWorkflows: readonly string[] = [
  'domain/batch',
  'domain/calendar/instant',
  'domain/programme',
  'domain/policy/define-policy-pack',
  'domain/policy/policy-reference',
  'domain/policy/policy-rules',
  'domain/policy/policy-version',
  'domain/shared/bilingual-text',
  'domain/shared/deadline-reminders',
  'domain/shared/decision',
  'domain/shared/domain-refusal',
  'domain/shared/list-summary',
  'domain/shared/recording-failures',
  'domain/shared/text-order',
  'domain/town',
  'domain/town/inspector-as-recorded',
];

/**
 * Modules every workflow of a worker thread shares instead of loading its own copy:
 * - the memory of parsed policy packs, so a pack is validated and hashed once per version and thread
 *   rather than at every workflow start (decision 0042);
 * - the sandbox's stack-trace depth, which must be set before the sandbox's globals are frozen
 *   (decision 0133);
 * - the domain the workflows decide with (decision 0136).
 * Preloaded modules are frozen, so none may keep state of its own but the packs' memory, which is a
 * `Map` (freezing does not stop its entries changing).
 */
export function preloadedWorkflowModules(): string[] {
  return [
    'domain/policy/parsed-packs',
    'workflows/stack-trace-frames.preload',
    ...domainModulesOfWorkflows,
  ].map((module) => require.resolve(resolve(projectRoot, module)));
}

export function workflowBundleOptions(): { workflowsPath: string; preloadModules: string[] } {
  return { workflowsPath: workflowsPath(), preloadModules: preloadedWorkflowModules() };
}
