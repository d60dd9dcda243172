import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { decideAccess, seatMayAttempt, type Access } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { AuthenticationError, type TokenVerifier } from '../../../infra/auth/token-verifier';
import { TOKEN_VERIFIER } from '../api.tokens';
import { RequestShape } from '../errors/request-shape';
import { CallerRateLimit } from '../http/caller-rate-limit';
import { requestContext } from '../http/request-context';
import { forbidden, unauthenticated } from './access-problems';
import { AccessTargets } from './access-targets';
import { PUBLIC_ROUTE, ROUTE_ACCESS } from './auth.decorators';

/**
 * The edge: every route needs a valid bearer token unless marked @Public, and must declare what it does
 * (@IssuesCommand or @Reads); a route that declares nothing is refused, so forgetting the declaration
 * fails closed. The seat, the county and the member unit are decided here, once, by domain/access — the
 * routes behind it only read what the decision's scope lets them, and commands meet the decider again in
 * the workflow.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly targets: AccessTargets,
    private readonly rateLimit: CallerRateLimit,
    private readonly shape: RequestShape,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const handlers = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, handlers)) return true;
    const request = context.switchToHttp().getRequest<Request>();
    const principal = await this.authenticate(request);
    const requestState = requestContext(request);
    requestState.principal = principal;
    // Counted before anything is looked up for it: a flood costs its sender, not the store.
    await this.rateLimit.take(principal, request, handlers);
    const access = this.reflector.getAllAndOverride<Access | undefined>(ROUTE_ACCESS, handlers);
    if (!access) throw new Error(`${request.method} ${request.path} declares no access rule`);
    const bySeat = seatMayAttempt(principal, access);
    if (!bySeat.allowed) throw forbidden(bySeat);
    // Before anything is looked up by the path: a wrong path is named with the rest of the request.
    await this.shape.refuseIfWrong(context, request, access);
    const target = await this.targets.of(access, request);
    const decision = decideAccess(principal, access, target);
    if (!decision.allowed) throw forbidden(decision);
    requestState.scope = decision.scope;
    return true;
  }

  private async authenticate(request: Request): Promise<Principal> {
    const header = request.header('authorization');
    if (header === undefined || header.trim() === '') throw unauthenticated('missing');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw unauthenticated('malformed');
    try {
      return await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthenticated(error.reason, error.explanation);
      throw error;
    }
  }
}
