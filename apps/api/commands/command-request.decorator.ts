import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestContext } from '../http/request-context';
import { idempotencyKeyOf } from '../idempotency/idempotency-key';
import type { CommandRequest } from './command-meta';

/** The command's request id, Idempotency-Key (checked), method and path, for `commandIdentity`. */
export const CommandRequestOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandRequest => {
    const request = context.switchToHttp().getRequest<Request>();
    return {
      requestId: requestContext(request).requestId,
      idempotencyKey: idempotencyKeyOf(request.header('idempotency-key')),
      method: request.method,
      path: request.path,
    };
  },
);
