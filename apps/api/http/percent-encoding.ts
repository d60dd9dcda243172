import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { validationProblem, type FieldProblem } from '../errors/problem';
import { sendProblem } from '../errors/send-problem';
import { declaredPaths, matchDeclaredPath, type DeclaredPath } from './declared-paths';

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function notWellFormed(field: string): FieldProblem {
  return { field, code: 'TEXT_NOT_WELL_FORMED', message: `${field} is not percent-encoded UTF-8` };
}

/** Each query parameter whose name or value does not decode, by its name (`query` when the name does not). */
function queryProblems(query: string): FieldProblem[] {
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .flatMap((pair) => {
      const [name = '', value = ''] = pair.replace(/\+/g, ' ').split(/=(.*)/s);
      if (!decodes(name)) return [notWellFormed('query')];
      return decodes(value) ? [] : [notWellFormed(decodeURIComponent(name))];
    });
}

/** Each path segment that does not decode, by the parameter it stands for (`path` when the document has none). */
function pathProblems(paths: readonly DeclaredPath[], path: string): FieldProblem[] {
  const segments = path.split('/');
  if (segments.every(decodes)) return [];
  const declared = matchDeclaredPath(paths, path);
  if (!declared) return [notWellFormed('path')];
  const named = Object.entries(declared.params).filter(([, sent]) => !decodes(sent));
  return named.length > 0 ? named.map(([name]) => notWellFormed(name)) : [notWellFormed('path')];
}

/**
 * Paths and queries are percent-encoded UTF-8. Decoded leniently, bytes that are not UTF-8 become U+FFFD
 * (a county named "�") or fail deep in the router without a code; so every segment and query parameter is
 * decoded strictly first, and one that does not decode is 400 `TEXT_NOT_WELL_FORMED` naming it, as any
 * other text that breaks the text rule (text-rule.ts). The document names the path's parameters; it is
 * read once, when first needed (it is built after the middleware is mounted).
 */
export function percentEncodedText(document: () => OpenAPIObject) {
  let paths: DeclaredPath[] | undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    paths ??= declaredPaths(document());
    const queryAt = request.url.indexOf('?');
    const problems = [
      ...pathProblems(paths, request.path),
      ...(queryAt < 0 ? [] : queryProblems(request.url.slice(queryAt + 1))),
    ].filter((problem, index, all) => all.findIndex((other) => other.field === problem.field) === index);
    if (problems.length === 0) return next();
    sendProblem(request, response, validationProblem(problems).problem);
  };
}
