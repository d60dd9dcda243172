import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CommandAction, ReadResource } from '../../../infra/auth/access-rules';
import type { Access } from '../../../infra/auth/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { requestContext } from '../http/request-context';

export const PUBLIC_ROUTE = Symbol('PUBLIC_ROUTE');
export const ROUTE_ACCESS = Symbol('ROUTE_ACCESS');

/** No token needed (health, the API documents). Everything else needs one. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route issues this command: only the seats the domain lists for it get past the guard, and the
 * route must still check the county once it knows the target (`AccessService.require`).
 */
export function IssuesCommand(command: CommandAction) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'command', command } satisfies Access),
    ApiBearerAuth(),
  );
}

export function Reads(resource: ReadResource) {
  return applyDecorators(
    SetMetadata(ROUTE_ACCESS, { kind: 'read', resource } satisfies Access),
    ApiBearerAuth(),
  );
}

/** The caller the guard established; only on routes that are not public. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = requestContext(context.switchToHttp().getRequest<Request>()).principal;
  if (!principal) throw new Error('Caller used on a route without an authenticated principal');
  return principal;
});
