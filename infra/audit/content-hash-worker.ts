/**
 * Runs in a worker thread (content-check-pool.ts): recomputes the content hashes of a page of events
 * whose data and metadata arrive as JSON text, and answers with the ones that do not match.
 */
import { parentPort } from 'node:worker_threads';
import { checkContentFields, type ContentCheckRequest } from './content-check-protocol';

parentPort?.on('message', (request: ContentCheckRequest) => {
  parentPort?.postMessage({ request: request.request, mismatches: checkContentFields(request.fields) });
});
