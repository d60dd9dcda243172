import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../errors/problem';
import { sendProblem } from '../errors/send-problem';
import { declaredPaths, matchDeclaredPath, type DeclaredPath } from './declared-paths';

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Upper-case, with HEAD where GET is declared (it is GET without the body) and OPTIONS. */
function allowedMethods(path: DeclaredPath): string[] {
  const declared = operationMethods
    .filter((method) => path.item[method] !== undefined)
    .map((method) => method.toUpperCase());
  const implicit = [...(declared.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  return [...declared, ...implicit.filter((method) => !declared.includes(method))];
}

/**
 * A method the document does not declare for a path it does declare is 405 with `Allow` (RFC 9110), not
 * 404: the resource is there, the method is not. OPTIONS answers with `Allow` alone. Paths the document
 * does not know fall through to the router's 404. The document is read once, when first needed (it is
 * built after the middleware is mounted).
 */
export function methodNotAllowed(document: () => OpenAPIObject) {
  let paths: DeclaredPath[] | undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    paths ??= declaredPaths(document());
    const declared = matchDeclaredPath(paths, request.path);
    const allow = declared && allowedMethods(declared.path);
    if (!allow || allow.includes(request.method)) {
      if (allow && request.method === 'OPTIONS') {
        response.status(204).set('Allow', allow.join(', ')).end();
        return;
      }
      return next();
    }
    sendProblem(
      request,
      response,
      problem(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed', {
        en: `${request.method} is not allowed here.`,
        zh: `此处不接受 ${request.method} 请求。`,
      }),
      { Allow: allow.join(', ') },
    );
  };
}
