import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ReadScope } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';

/**
 * What the API knows about one request beyond express's own: its id and, once checked at the edge, its
 * caller and how far what they read reaches.
 */
export interface RequestContext {
  readonly requestId: string;
  readonly startedAt: bigint;
  principal: Principal | undefined;
  scope: ReadScope | undefined;
}

// Keyed by the request object itself: nothing is bolted onto express's types, and it goes with the request.
const contexts = new WeakMap<Request, RequestContext>();

/** A caller's id is kept when it is a sane token (it ends up in logs and in every event's metadata). */
const acceptableRequestId = /^[\w.:@/+=-]{1,128}$/;

export function requestContext(request: Request): RequestContext {
  let context = contexts.get(request);
  if (!context) {
    const offered = request.header('x-request-id');
    context = {
      requestId: offered !== undefined && acceptableRequestId.test(offered) ? offered : randomUUID(),
      startedAt: process.hrtime.bigint(),
      principal: undefined,
      scope: undefined,
    };
    contexts.set(request, context);
  }
  return context;
}

/** One JSON line per request, written when the response is finished. */
export type RequestLogSink = (line: string) => void;

export const stdoutRequestLog: RequestLogSink = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * First middleware of the stack: fixes the request id (the caller's `X-Request-Id`, or a new one),
 * echoes it, and logs the request when it is done, with who made it.
 */
export function requestContextMiddleware(log: RequestLogSink | undefined) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const context = requestContext(request);
    response.setHeader('X-Request-Id', context.requestId);
    if (log) {
      response.on('finish', () => {
        const { principal } = context;
        log(
          JSON.stringify({
            level: response.statusCode >= 500 ? 'error' : 'info',
            time: new Date().toISOString(),
            msg: 'request',
            requestId: context.requestId,
            method: request.method,
            path: request.originalUrl.split('?')[0],
            status: response.statusCode,
            durationMs: Number((process.hrtime.bigint() - context.startedAt) / 1_000n) / 1_000,
            userId: principal?.userId ?? null,
            seat: principal?.seat ?? null,
            ...(principal?.county ? { county: principal.county } : {}),
            ...(principal?.unit ? { unit: principal.unit } : {}),
          }),
        );
      });
    }
    next();
  };
}
