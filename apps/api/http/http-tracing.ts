import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { tracerName } from '../../../infra/observability/tracing';
import { routeOf } from './http-metrics';
import { requestContext } from './request-context';

/**
 * A server span per request, the root of a step's trace (or a child of the caller's, from its W3C
 * `traceparent` header), active while the request is handled, so the Temporal client's interceptor
 * carries it into the workflow (decision 0095). Put in place only while tracing is on.
 */
export function httpTracing() {
  const tracer = trace.getTracer(tracerName);
  return (request: Request, response: Response, next: NextFunction): void => {
    const callers = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'towns.request_id': requestContext(request).requestId,
        },
      },
      callers,
    );
    const active = trace.setSpan(callers, span);
    response.on('finish', () => {
      const route = routeOf(request);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': response.statusCode });
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    // The body arrives through the request's events, which run outside this call: bind them too.
    context.bind(active, request);
    context.bind(active, response);
    context.with(active, next);
  };
}
