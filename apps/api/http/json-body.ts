import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import type { BilingualText } from '../../../domain/shared/bilingual-text';
import { problem, type Problem } from '../errors/problem';
import { problemMessage } from '../errors/problem-catalogue';
import { sendProblem } from '../errors/send-problem';

/** Command bodies are small objects a few levels deep; 10,000 levels under the size limit is an attack. */
export const maxJsonDepth = 32;
export const bodyLimit = '100kb';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(request: Request): boolean {
  return (
    request.header('transfer-encoding') !== undefined || Number(request.header('content-length') ?? 0) > 0
  );
}

function unsupported(code: string, en: string, zh: string): Problem {
  return problem(415, code, 'Unsupported Media Type', { en, zh });
}

/**
 * Commands take UTF-8 JSON only (RFC 8259), uncompressed. Without this a form or text body would not
 * be parsed and the caller would get a list of "missing" fields instead of being told the media type is
 * wrong. A request without a body (a step that needs no data) is let through; the body of any other
 * method is never read.
 */
export function jsonRequests(request: Request, response: Response, next: NextFunction): void {
  if (!bodyMethods.has(request.method) || !hasBody(request)) return next();
  if (!request.is('application/json')) {
    return sendProblem(
      request,
      response,
      unsupported(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the body as application/json.',
        '请求体须为 application/json。',
      ),
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.header('content-type') ?? '')?.[1];
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return sendProblem(
      request,
      response,
      unsupported(
        'UNSUPPORTED_MEDIA_TYPE',
        `JSON is read as UTF-8 only, not ${charset}.`,
        `JSON 请求体只接受 UTF-8 编码，不接受 ${charset}。`,
      ),
    );
  }
  const encoding = request.header('content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return sendProblem(
      request,
      response,
      unsupported(
        'CONTENT_ENCODING_UNSUPPORTED',
        'Send the body uncompressed (no Content-Encoding).',
        '请求体不得压缩（不要设置 Content-Encoding）。',
      ),
    );
  }
  next();
}

/**
 * How deep a JSON text nests, counted on its bytes before it is parsed, so neither the parser nor
 * anything after it walks a value deeper than `maxJsonDepth`. Brackets inside strings do not count.
 */
export function jsonDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const byte = text[index];
    if (inString) {
      if (byte === 0x5c) index += 1;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

class JsonTooDeep extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

class BodyNotUtf8 extends Error {
  readonly status = 400;
  readonly type = 'entity.not.utf8';
}

/**
 * The JSON parser's options: strict JSON objects and arrays, bounded in size and depth, never inflated.
 * The bytes must be UTF-8: decoding would turn any other byte into U+FFFD, which is text nobody sent and
 * would be recorded for good, so a body that is not UTF-8 is refused before it is decoded.
 */
export const jsonParserOptions = {
  limit: bodyLimit,
  strict: true,
  inflate: false,
  type: (request: Request) => bodyMethods.has(request.method) && request.is('application/json') !== false,
  verify: (_request: Request, _response: Response, body: Buffer) => {
    if (!isUtf8(body)) throw new BodyNotUtf8('The body is not UTF-8');
    if (jsonDepth(body) > maxJsonDepth)
      throw new JsonTooDeep(`JSON nested deeper than ${maxJsonDepth} levels`);
  },
};

/** The body as a whole is the field a body-level problem names. */
function bodyProblem(
  code: 'MALFORMED_JSON' | 'JSON_TOO_DEEP' | 'TEXT_NOT_WELL_FORMED',
  message: BilingualText,
): Problem {
  return problem(400, code, 'Bad Request', message, {
    errors: [{ field: 'body', code, message: message.en }],
  });
}

const parseProblems: Readonly<Record<string, () => Problem>> = {
  'entity.parse.failed': () => bodyProblem('MALFORMED_JSON', problemMessage('MALFORMED_JSON')),
  'entity.too.deep': () =>
    bodyProblem('JSON_TOO_DEEP', problemMessage('JSON_TOO_DEEP', { depth: maxJsonDepth })),
  'entity.not.utf8': () => bodyProblem('TEXT_NOT_WELL_FORMED', problemMessage('BODY_NOT_UTF8')),
  'entity.too.large': () =>
    problem(
      413,
      'PAYLOAD_TOO_LARGE',
      'Payload Too Large',
      problemMessage('PAYLOAD_TOO_LARGE', { limit: bodyLimit }),
    ),
  'encoding.unsupported': () =>
    unsupported(
      'CONTENT_ENCODING_UNSUPPORTED',
      'Send the body uncompressed (no Content-Encoding).',
      '请求体不得压缩（不要设置 Content-Encoding）。',
    ),
  'charset.unsupported': () =>
    unsupported('UNSUPPORTED_MEDIA_TYPE', 'JSON is read as UTF-8 only.', 'JSON 请求体只接受 UTF-8 编码。'),
};

/**
 * What the body parser refused, as a problem: every error it marks as the client's (a 4xx with a
 * `type`) is answered with its status; anything else is not the body's fault.
 */
export function bodyParserProblem(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500)
    return undefined;
  return (
    parseProblems[type]?.() ??
    problem(status, 'REQUEST_BODY_UNREADABLE', 'Bad Request', problemMessage('REQUEST_BODY_UNREADABLE'))
  );
}

/**
 * The body parser's refusals as problem documents, answered here, right after the parser, so a bad body
 * never reaches a route and never becomes a 500.
 */
export function bodyParseErrors(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const answer = bodyParserProblem(error);
  if (!answer) return next(error);
  sendProblem(request, response, answer);
}
