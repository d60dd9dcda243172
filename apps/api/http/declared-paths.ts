import type { OpenAPIObject } from '@nestjs/swagger';

/** A path of the OpenAPI document (`/api/towns/{townId}/history`), segment by segment. */
export interface DeclaredPath {
  readonly template: string;
  /** Each segment literal, or `{name}` for a parameter. */
  readonly segments: readonly string[];
  readonly item: Readonly<Record<string, unknown>>;
}

export function declaredPaths(document: OpenAPIObject): DeclaredPath[] {
  return Object.entries(document.paths).map(([template, item]) => ({
    template,
    segments: template.split('/'),
    item: item as Readonly<Record<string, unknown>>,
  }));
}

/**
 * The declared path a request's path (as sent, not decoded) stands for, with each parameter's segment as
 * sent; a trailing slash is allowed, as the router allows it. Undefined when the document has no such path.
 */
export function matchDeclaredPath(
  paths: readonly DeclaredPath[],
  requestPath: string,
): { readonly path: DeclaredPath; readonly params: Readonly<Record<string, string>> } | undefined {
  const given = (requestPath.length > 1 ? requestPath.replace(/\/$/, '') : requestPath).split('/');
  for (const path of paths) {
    if (path.segments.length !== given.length) continue;
    const params: Record<string, string> = {};
    const matches = path.segments.every((segment, index) => {
      const sent = given[index] ?? '';
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (name === undefined) return segment === sent;
      params[name] = sent;
      return sent !== '';
    });
    if (matches) return { path, params };
  }
  return undefined;
}
