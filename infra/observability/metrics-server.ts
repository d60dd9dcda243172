import { createServer, type Server } from 'node:http';
import type { ServiceMetrics } from './service-metrics';

/**
 * `GET /metrics` on a port of its own, for a process without the API (the stand-alone worker, whose
 * activities time the appends and audit jobs). Anything else is 404.
 */
export async function serveMetrics(metrics: ServiceMetrics, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.exposition().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
