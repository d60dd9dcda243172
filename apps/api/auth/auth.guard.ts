import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { seatMayAttempt, type Access } from '../../../infra/auth/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { AuthenticationError, type TokenVerifier } from '../../../infra/auth/token-verifier';
import { TOKEN_VERIFIER } from '../api.tokens';
import { requestContext } from '../http/request-context';
import { forbidden, unauthenticated } from './access-problems';
import { PUBLIC_ROUTE, ROUTE_ACCESS } from './auth.decorators';

/**
 * Every route needs a valid bearer token unless marked @Public, and must declare what it does
 * (@IssuesCommand or @Reads); a route that declares nothing is refused, so forgetting the declaration
 * fails closed. The seat is checked here; the county, which needs the target, by the route.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.header('authorization');
    if (header === undefined || header.trim() === '') throw unauthenticated('missing');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw unauthenticated('malformed');
    let principal: Principal;
    try {
      principal = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthenticated(error.reason);
      throw error;
    }
    requestContext(request).principal = principal;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ROUTE_ACCESS, targets);
    if (!access) throw new Error(`${request.method} ${request.path} declares no access rule`);
    const decision = seatMayAttempt(principal, access);
    if (!decision.allowed) throw forbidden(decision);
    return true;
  }
}
