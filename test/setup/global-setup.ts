import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer } from '../../infra/temporal/dev-server';
import { freePort } from '../../infra/temporal/port-utils';
import { workflowBundleOptions } from '../../infra/temporal/workflow-bundle-options';
import { testEnvKeys, testHistoryRetentionDays } from '../helpers/test-env';

/**
 * One real Temporal dev server per test run (headless, on a free port, in a throw-away folder), and
 * the workflow code bundled once, preloading what the worker's own bundle preloads, so each test file
 * only starts a worker on its own task queue.
 * The environment variables set here reach every test worker process.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'towns-test-'));
  const namespace = 'towns-test';
  const server = await startDevServer({
    dataDir: join(dir, 'temporal'),
    namespace,
    port: await freePort(),
    headless: true,
    // As `npm start` does (apps/start.ts): closed runs stay replayable for auditors.
    historyRetentionDays: testHistoryRetentionDays,
  });
  (globalThis as { __townsDevServer__?: typeof server }).__townsDevServer__ = server;

  const bundle = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietLogger });
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env[testEnvKeys.address] = server.address;
  process.env[testEnvKeys.namespace] = namespace;
  process.env[testEnvKeys.bundlePath] = bundlePath;
  process.env[testEnvKeys.tmpDir] = dir;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
