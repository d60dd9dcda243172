import { applyDecorators, createParamDecorator, Get, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, type ApiResponseOptions } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ReadScope } from '../../../domain/access/authorize';
import type { ReadResource } from '../../../domain/access/read.permissions';
import type { Principal } from '../../../infra/auth/principal';
import { Reads } from '../auth/auth.decorators';
import { validationProblem } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { requestContext } from '../http/request-context';
import {
  documentingRouteParams,
  routeParamValues,
  type RouteParam,
  type RouteParamValues,
} from '../http/route-params';

const minPositionHeader = {
  name: 'X-Min-Position',
  required: false,
  description:
    "Wait until the read models include this global position (a command's `positions`). Your own writes are waited for anyway.",
};

/**
 * `X-Min-Position`: the global position a query must reflect, e.g. from another client's command
 * answer. A caller's own writes are waited for without it.
 */
function minPositionOf(request: Request): bigint | undefined {
  const header = request.header('x-min-position');
  if (header === undefined) return undefined;
  if (!/^\d{1,19}$/.test(header)) {
    throw validationProblem([
      {
        field: 'header:X-Min-Position',
        code: 'INVALID_POSITION',
        message: 'X-Min-Position must be a global position',
      },
    ]);
  }
  return BigInt(header);
}

/** Whose writes a read waits for, and which position besides. */
export interface CatchUp {
  readonly caller: Principal;
  readonly minPosition: bigint | undefined;
}

/**
 * One read from the read models as its route receives it: the caller and how far their read reaches,
 * as the edge decided them, the position to wait for, and the path parameters named.
 */
export type Read<P extends RouteParam = never> = CatchUp & {
  readonly scope: ReadScope;
} & RouteParamValues<P>;

const readOf = createParamDecorator((names: readonly RouteParam[], context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request>();
  const { principal: caller, scope } = requestContext(request);
  if (!caller || !scope) throw new Error('A read route whose access the edge did not decide');
  // The header is checked before the path, as when they were separate parameters.
  const minPosition = minPositionOf(request);
  return { ...routeParamValues(request, names), caller, scope, minPosition };
});

/**
 * The read a route answers, in one argument: `@ReadOf('townId') read: Read<'townId'>`. It documents the
 * header it honours on its route, so no route can read `X-Min-Position` without the document saying so.
 */
export function ReadOf(...names: RouteParam[]): ParameterDecorator {
  const decorate = documentingRouteParams(readOf(names), names);
  return (target, key, index) => {
    decorate(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || method === undefined) return;
    ApiHeader(minPositionHeader)(target, key, method);
    // A malformed position, or one beyond the log, is a 400 naming the header.
    ApiProblems(400)(target, key, method);
  };
}

/**
 * A read from the read models as a route: GET, the resource the guard decides on, and the problems it
 * may answer instead of its answer (`X-Min-Position` is documented by the route's `@ReadOf`).
 */
export function ReadRoute(
  path: string,
  resource: ReadResource,
  problems: readonly number[],
  ok: ApiResponseOptions,
) {
  return applyDecorators(Get(path), Reads(resource), ApiOkResponse(ok), ApiProblems(...problems));
}
