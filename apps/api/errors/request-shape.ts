import { Inject, Injectable, type ExecutionContext, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Access } from '../../../domain/access/authorize';
import { API_SETTINGS, type ApiSettings } from '../api.tokens';
import { pathProblems } from '../http/path-checks';
import { idempotencyKeyProblem } from '../idempotency/idempotency-key';
import { ProblemException, validationProblem, type FieldProblem } from './problem';
import { RequestValidationPipe } from './validation.pipe';

/** The parts of a request a route reads through its DTOs, as Nest names them in a route's metadata. */
const dtoParts = new Map<number, 'body' | 'query'>([
  [RouteParamtypes.BODY, 'body'],
  [RouteParamtypes.QUERY, 'query'],
]);

interface RouteArgument {
  readonly index: number;
  readonly data?: unknown;
}

/**
 * A request wrong in its path or its headers is refused at the edge, before anything is looked up by
 * its path — and with every wrong field of its body and query named in the same answer, as the
 * validation pipe names them (docs/decisions/0145). A request whose path and headers are right goes on,
 * and its body and query meet the pipe as usual.
 */
@Injectable()
export class RequestShape {
  private readonly validation: RequestValidationPipe;

  constructor(@Inject(API_SETTINGS) private readonly settings: ApiSettings) {
    this.validation = new RequestValidationPipe(settings.policy);
  }

  async refuseIfWrong(context: ExecutionContext, request: Request, access: Access): Promise<void> {
    const header =
      access.kind === 'command' ? idempotencyKeyProblem(request.header('idempotency-key')) : undefined;
    const early = [...(header ? [header] : []), ...pathProblems(request.params, this.settings.policy)];
    if (early.length === 0) return;
    throw validationProblem([...early, ...(await this.dtoProblems(context, request))]);
  }

  /** What the validation pipe finds wrong in each part of the request the route reads through a DTO. */
  private async dtoProblems(context: ExecutionContext, request: Request): Promise<FieldProblem[]> {
    const controller = context.getClass();
    const method = context.getHandler().name;
    const argumentsByKey = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
      string,
      RouteArgument
    >;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, method) ??
      []) as Type[];
    const problems: FieldProblem[] = [];
    for (const [key, argument] of Object.entries(argumentsByKey)) {
      const part = dtoParts.get(Number(key.split(':')[0]));
      if (part === undefined) continue;
      const data = typeof argument.data === 'string' ? argument.data : undefined;
      const whole: unknown = part === 'body' ? request.body : request.query;
      const value = data === undefined ? whole : (whole as Record<string, unknown> | undefined)?.[data];
      try {
        await this.validation.transform(value, { type: part, metatype: types[argument.index], data });
      } catch (error) {
        if (!(error instanceof ProblemException) || error.problem.status !== 400) throw error;
        problems.push(...(error.problem.errors ?? []));
      }
    }
    return problems;
  }
}
