import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { validationProblem } from '../errors/problem';
import { yearProblem } from './path-checks';
import { invalidUuid, isUuid } from './uuid';

const asText = (value: unknown): string => String(value);

/**
 * The path parameters a step may name, typed. The edge has checked them all already (path-checks.ts,
 * with the rest of the request); a town id and a year are checked again here because their types depend
 * on it. The rest are codes the edge, the route or the decider checks.
 */
const routeParams = {
  townId: (value: unknown): string => {
    if (!isUuid(value)) throw invalidUuid('townId');
    return value;
  },
  year: (value: unknown): number => {
    const problem = yearProblem(value);
    if (problem) throw validationProblem([problem]);
    return parseInt(String(value), 10);
  },
  batchId: asText,
  reward: asText,
  projectId: asText,
} as const;

type RouteParams = typeof routeParams;
export type RouteParam = keyof RouteParams;

/** The named path parameters, checked and typed. */
export type RouteParamValues<P extends RouteParam> = { readonly [K in P]: ReturnType<RouteParams[K]> };

export function routeParamValues<P extends RouteParam>(
  request: Request,
  names: readonly P[],
): RouteParamValues<P> {
  return Object.fromEntries(
    names.map((name) => [name, routeParams[name](request.params[name])]),
  ) as RouteParamValues<P>;
}

/**
 * A parameter decorator that also documents the path parameters it reads, in that order, as `@Param`
 * would have (the OpenAPI document gives each its schema by name).
 */
export function documentingRouteParams(
  decorate: ParameterDecorator,
  names: readonly RouteParam[],
): ParameterDecorator {
  return (target, key, index) => {
    decorate(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || method === undefined) return;
    for (const name of names) ApiParam({ name, required: true, type: String })(target, key, method);
  };
}
