import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from '../../../infra/auth/principal';
import { requestContext } from '../http/request-context';
import {
  documentingRouteParams,
  routeParamValues,
  type RouteParam,
  type RouteParamValues,
} from '../http/route-params';
import { idempotencyKeyOf } from '../idempotency/idempotency-key';
import type { CommandRequest } from './command-meta';

/**
 * One official step as its route receives it: who sends it (the caller the edge admitted), what the
 * HTTP request adds to its identity (`commandIdentity`), and the path parameters named.
 */
export type Step<P extends RouteParam = never> = {
  readonly caller: Principal;
  readonly request: CommandRequest;
} & RouteParamValues<P>;

const stepOf = createParamDecorator((names: readonly RouteParam[], context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request>();
  const caller = requestContext(request).principal;
  if (!caller) throw new Error('A step route without an authenticated principal');
  // The Idempotency-Key is checked before the path, as when they were separate parameters.
  const command: CommandRequest = {
    requestId: requestContext(request).requestId,
    idempotencyKey: idempotencyKeyOf(request.header('idempotency-key')),
    method: request.method,
    path: request.path,
  };
  return { ...routeParamValues(request, names), caller, request: command };
});

/** The step a route takes, in one argument: `@StepOf('townId', 'year') step: Step<'townId' | 'year'>`. */
export function StepOf(...names: RouteParam[]): ParameterDecorator {
  return documentingRouteParams(stepOf(names), names);
}
