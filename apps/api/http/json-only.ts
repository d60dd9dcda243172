import type { NextFunction, Request, Response } from 'express';
import { problem } from '../errors/problem';
import { sendProblem } from '../errors/send-problem';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Commands take JSON only. Without this a form or text body would simply not be parsed, and the
 * caller would get a list of "missing" fields instead of being told the media type is wrong. A request
 * without a body (a step that needs no data) is let through.
 */
export function jsonOnly(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    request.header('transfer-encoding') !== undefined || Number(request.header('content-length') ?? 0) > 0;
  if (!bodyMethods.has(request.method) || !hasBody || request.is('application/json')) {
    next();
    return;
  }
  sendProblem(
    request,
    response,
    problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', 'Send the body as application/json.', {
      messageZh: '请求体须为 application/json。',
    }),
  );
}
