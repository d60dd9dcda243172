import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { validationProblem } from '../errors/problem';
import { invalidUuid, isUuid } from './uuid';

const asText = (value: unknown): string => String(value);

/**
 * The path parameters a route may name, each read as the routes have always read it: a town id must be a
 * UUID (400 `INVALID_UUID`; the edge has already said 404 for one that names no town), a review year an
 * integer (400 `INVALID_YEAR`; its range is the command's, checked after the body). The rest are codes
 * the route or the decider checks against the pack.
 */
const routeParams = {
  townId: (value: unknown): string => {
    if (!isUuid(value)) throw invalidUuid('townId');
    return value;
  },
  year: (value: unknown): number => {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value) || !Number.isFinite(Number(value))) {
      throw validationProblem([
        { field: 'year', code: 'INVALID_YEAR', message: 'year must be an integer year' },
      ]);
    }
    return parseInt(value, 10);
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
