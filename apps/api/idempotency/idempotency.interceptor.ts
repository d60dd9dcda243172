import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { finalize, of, tap, type Observable } from 'rxjs';
import type { Access } from '../../../domain/access/authorize';
import { ROUTE_ACCESS } from '../auth/auth.decorators';
import { recordingFailureCatalogue } from '../../../domain/shared/recording-failures';
import { bilingualProblem } from '../errors/problem';
import { requestContext } from '../http/request-context';
import { idempotencyKeyOf, idempotencyScope, requestFingerprint } from './idempotency-key';
import { IdempotencyStore } from './idempotency.store';

/** Headers of a command's answer worth replaying; the rest (dates, request ids) belong to each request. */
const replayedHeaders = ['location'];

/**
 * `Idempotency-Key` on every command route: the same key and body from the same caller get the first
 * answer again (marked `Idempotent-Replayed: true`) and nothing is done twice; the same key with
 * another body is refused with 422. Only answers that recorded something are kept: a refused or
 * failed command wrote nothing, so its key is free to be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access?.kind !== 'command') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = idempotencyKeyOf(request.header('idempotency-key'));
    const principal = requestContext(request).principal;
    if (key === undefined || !principal) return next.handle();

    const scope = idempotencyScope(principal.userId, key);
    const claim = this.store.claim(scope, requestFingerprint(request.method, request.path, request.body));
    switch (claim.kind) {
      case 'reused':
        throw bilingualProblem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Unprocessable Content',
          recordingFailureCatalogue.IDEMPOTENCY_KEY_REUSED,
        );
      case 'in-flight':
        throw bilingualProblem(
          409,
          'IDEMPOTENCY_KEY_IN_FLIGHT',
          'Conflict',
          {
            en: 'A request with this Idempotency-Key is still being processed; retry shortly.',
            zh: '使用该幂等键的请求仍在处理中，请稍后重试。',
          },
          { 'Retry-After': '1' },
        );
      case 'replay':
        response.status(claim.answer.status).set(claim.answer.headers).set('Idempotent-Replayed', 'true');
        return of(claim.answer.body);
      case 'new':
        return next.handle().pipe(
          tap({
            next: (body: unknown) => {
              const headers = Object.fromEntries(
                replayedHeaders.flatMap((name) => {
                  const value = response.getHeader(name);
                  return typeof value === 'string' ? [[name, value]] : [];
                }),
              );
              this.store.complete(scope, { status: response.statusCode, body, headers });
            },
          }),
          // Failed, or abandoned half-way: nothing kept, the key is free again (no-op once completed).
          finalize(() => this.store.release(scope)),
        );
    }
  }
}
