import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Access, CommandAction, ReadScope, SystemOperation } from '../../../domain/access/authorize';
import type { ReadResource } from '../../../domain/access/read.permissions';
import type { Principal } from '../../../infra/auth/principal';
import { requestContext } from '../http/request-context';

export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');
export const ROUTE_ACCESS = Symbol('ROUTE_ACCESS');

/** No token needed (health, the API documents). Everything else needs one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route issues this command: the access guard admits only the seats the domain lists for it, and
 * a county's or unit's seat only for the town, county or unit of their own (domain/access).
 */
export function IssuesCommand(command: CommandAction) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'command', command } satisfies Access),
    ApiBearerAuth(),
  );
}

/** The route reads this resource (domain/access/read.permissions.ts); the guard decides, the route reads. */
export function Reads(resource: ReadResource) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'read', resource } satisfies Access),
    ApiBearerAuth(),
  );
}

/** The route operates the running system (training mode's clock): only the seats the domain lists. */
export function Operates(operation: SystemOperation) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'operation', operation } satisfies Access),
    ApiBearerAuth(),
  );
}

/** The caller the guard established; only on routes that are not public. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = requestContext(context.switchToHttp().getRequest<Request>()).principal;
  if (!principal) throw new Error('Caller used on a route without an authenticated principal');
  return principal;
});

/** How far the caller's read reaches, as the guard decided it: everything, or one county's part. */
export const Scope = createParamDecorator((_: unknown, context: ExecutionContext): ReadScope => {
  const scope = requestContext(context.switchToHttp().getRequest<Request>()).scope;
  if (!scope) throw new Error('Scope used on a route whose access the guard did not decide');
  return scope;
});
