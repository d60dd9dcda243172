import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { validationProblem } from '../errors/problem';

export const minPositionHeader = {
  name: 'X-Min-Position',
  required: false,
  description:
    "Wait until the read models include this global position (a command's `positions`). Your own writes are waited for anyway.",
};

/**
 * `X-Min-Position`: the global position a query must reflect, e.g. from another client's command
 * answer. A caller's own writes are waited for without it.
 */
export const MinPosition = createParamDecorator(
  (_: unknown, context: ExecutionContext): bigint | undefined => {
    const header = context.switchToHttp().getRequest<Request>().header('x-min-position');
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
  },
);
