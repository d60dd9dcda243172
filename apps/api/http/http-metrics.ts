import type { NextFunction, Request, Response } from 'express';
import type { ServiceMetrics } from '../../../infra/observability/service-metrics';

/** The problem code a refusal was answered with, for the command outcome's label. */
export function noteProblemCode(response: Response, code: string): void {
  (response.locals as { problemCode?: string }).problemCode = code;
}

/**
 * Times every request by its route's template (`/api/towns/:townId/plan`, never the ids, so the series
 * stay few), and counts each command (POST) by its outcome and problem code.
 */
export function httpMetrics(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stopTimer = metrics.httpRequestDuration.startTimer();
    response.on('finish', () => {
      const route = routeOf(request);
      const status = response.statusCode;
      stopTimer({ method: request.method, route, status: String(status) });
      if (request.method !== 'POST') return;
      const code = (response.locals as { problemCode?: string }).problemCode ?? '';
      metrics.commandOutcomes.inc({ route, outcome: outcomeOf(status, response), code });
    });
    next();
  };
}

/** `GET /metrics`: the process's metrics in Prometheus's text format; no token, never throttled. */
export function metricsEndpoint(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.status(405).set('Allow', 'GET, HEAD').end();
      return;
    }
    metrics.exposition().then(
      (text) => void response.type(metrics.contentType).send(text),
      (error: unknown) => next(error),
    );
  };
}

/** The route's template (`/api/towns/:townId/plan`), never the path with its ids. */
export function routeOf(request: Request): string {
  const route = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${request.baseUrl}${route}`;
  // Answered before routing (405, 415, 429, a body refused): the mount point at most, never the path.
  return request.baseUrl || 'unrouted';
}

function outcomeOf(status: number, response: Response): string {
  if (response.getHeader('Idempotent-Replayed') === 'true') return 'replayed';
  if (status < 400) return 'recorded';
  return status < 500 ? 'refused' : 'failed';
}
