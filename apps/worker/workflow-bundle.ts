/**
 * The workflow code as a worker process runs it: bundled once at start, in a thread of its own. Webpack
 * keeps about 200 MiB of the heap that bundles with it, and a heap is only given back whole when its
 * thread ends; bundled on the main thread, that memory stayed with the worker for its whole life
 * (decision 0136).
 */
import { Worker as Thread } from 'node:worker_threads';
import { Runtime, type Logger } from '@temporalio/worker';
import { tracingWorkflowInterceptorModules } from '../../infra/temporal/temporal-tracing';
import { workflowBundleOptions } from '../../infra/temporal/workflow-bundle-options';

type BundlerMessage =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'log'; readonly level: 'warn' | 'error'; readonly message: string };

/**
 * Plain JavaScript, so the thread needs no TypeScript loader: it bundles with the options it is given
 * and passes back the code and the bundler's warnings and errors (its info lines name every module).
 */
const bundlerThread = `
const { parentPort, workerData } = require('node:worker_threads');
const { bundleWorkflowCode } = require('@temporalio/worker');
const pass = (level) => (message) => parentPort.postMessage({ kind: 'log', level, message: String(message) });
const logger = { log() {}, trace() {}, debug() {}, info() {}, warn: pass('warn'), error: pass('error') };
bundleWorkflowCode({ ...workerData, logger }).then(({ code }) => parentPort.postMessage({ kind: 'code', code }));
`;

export async function bundleWorkflows(
  options: { traced: boolean; logger?: Logger } = { traced: false },
): Promise<{ code: string }> {
  const logger = options.logger ?? Runtime.instance().logger;
  const bundleOptions = {
    ...workflowBundleOptions(),
    ...(options.traced ? { workflowInterceptorModules: tracingWorkflowInterceptorModules() } : {}),
  };
  return new Promise((resolve, reject) => {
    const thread = new Thread(bundlerThread, { eval: true, workerData: bundleOptions });
    thread.on('message', (message: BundlerMessage) => {
      if (message.kind === 'log') {
        logger[message.level](message.message);
        return;
      }
      resolve({ code: message.code });
      // Whatever webpack left running, the thread and its heap go now.
      void thread.terminate();
    });
    thread.once('error', reject);
    // After a resolve this does nothing; before one, the thread ended without code.
    thread.once('exit', (exitCode) =>
      reject(new Error(`bundling the workflow code failed: its thread exited with ${exitCode}`)),
    );
  });
}
