import type { Request, Response } from 'express';
import { noteProblemCode } from '../http/http-metrics';
import { preferredLanguage } from '../http/language';
import { requestContext } from '../http/request-context';
import { fieldMessageZh } from './field-messages';
import type { FieldProblem, Problem } from './problem';

/** A field's problem with both messages, and `message` in the caller's language. */
function inBothLanguages(error: FieldProblem, zh: boolean): FieldProblem {
  const messageEn = error.messageEn ?? error.message;
  const messageZh = fieldMessageZh(error);
  return { field: error.field, code: error.code, message: zh ? messageZh : messageEn, messageEn, messageZh };
}

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
    ...(problem.errors ? { errors: problem.errors.map((error) => inBothLanguages(error, zh)) } : {}),
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
