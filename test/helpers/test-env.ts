import { randomUUID } from 'node:crypto';

/** Names of what test/setup/global-setup.ts hands to every test file. */
export const testEnvKeys = {
  address: 'TOWNS_TEST_TEMPORAL_ADDRESS',
  namespace: 'TOWNS_TEST_TEMPORAL_NAMESPACE',
  bundlePath: 'TOWNS_TEST_WORKFLOW_BUNDLE',
  tmpDir: 'TOWNS_TEST_TMP_DIR',
} as const;

export interface TestTemporal {
  readonly address: string;
  readonly namespace: string;
  readonly workflowBundlePath: string;
}

/** How long the test run's dev server keeps closed runs (a programme's ten years, as `npm start`). */
export const testHistoryRetentionDays = 3660;

export function testTemporal(): TestTemporal {
  const address = process.env[testEnvKeys.address];
  const namespace = process.env[testEnvKeys.namespace];
  const workflowBundlePath = process.env[testEnvKeys.bundlePath];
  if (!address || !namespace || !workflowBundlePath) {
    throw new Error('No test Temporal server: run this file through the integration or e2e Jest project');
  }
  return { address, namespace, workflowBundlePath };
}

/** A task queue of its own for each test, so workers of different tests never steal each other's work. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
