import type { Request, Response } from 'express';
import { noteProblemCode } from '../http/http-metrics';
import { preferredLanguage } from '../http/language';
import { requestContext } from '../http/request-context';
import type { Problem } from './problem';

/** Writes one problem document: the caller's language as `detail`, the request id, the media type. */
export function sendProblem(
  request: Request,
  response: Response,
  problem: Problem,
  headers: Record<string, string> = {},
): void {
  const zh = preferredLanguage(request.header('accept-language')) === 'zh';
  const body: Problem = {
    ...problem,
    detail: zh ? problem.messageZh : problem.messageEn,
    requestId: requestContext(request).requestId,
  };
  noteProblemCode(response, problem.code);
  response
    .status(problem.status)
    .set(headers)
    .set('Content-Language', zh ? 'zh' : 'en')
    .type('application/problem+json')
    .send(JSON.stringify(body));
}
