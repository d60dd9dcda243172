import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Principal } from '../../../infra/auth/principal';
import { API_SETTINGS, defaultApiSettings, type ApiSettings, type CallerRateLimits } from '../api.tokens';
import { bilingualProblem } from '../errors/problem';

const HEAVY_READ = Symbol('HEAVY_READ');

/**
 * The route reads from the store or from Temporal rather than from the read models in memory (a whole
 * stream, the whole log, a workflow's query, an audit job): it counts against the caller's heavy-read
 * limit.
 */
export const HeavyRead = () => SetMetadata(HEAVY_READ, true);

type Kind = keyof CallerRateLimits;

/**
 * Limits what one caller (the token's subject) may ask of the expensive parts: every command (it is a
 * workflow Update and an append) and every heavy read. Counted in the throttler's storage, like the
 * public limit; over it: 429 RATE_LIMITED with Retry-After. Reads from the read models are not limited:
 * they cost memory lookups.
 */
@Injectable()
export class CallerRateLimit {
  private readonly limits: CallerRateLimits;

  constructor(
    private readonly reflector: Reflector,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(API_SETTINGS) settings: ApiSettings,
  ) {
    this.limits = settings.callerRateLimits ?? defaultApiSettings.callerRateLimits;
  }

  async take(
    principal: Principal,
    request: Request,
    handlers: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<void> {
    const kind: Kind | undefined =
      request.method === 'POST'
        ? 'commands'
        : this.reflector.getAllAndOverride<boolean>(HEAVY_READ, handlers)
          ? 'heavyReads'
          : undefined;
    if (!kind) return;
    const { limit, windowMs } = this.limits[kind];
    const record = await this.storage.increment(
      `${kind}:${principal.userId}`,
      windowMs,
      limit,
      windowMs,
      kind,
    );
    if (!record.isBlocked) return;
    const retryAfter = String(Math.max(1, Math.ceil(record.timeToBlockExpire)));
    const what = kind === 'commands' ? { en: 'commands', zh: '操作' } : { en: 'heavy reads', zh: '大量读取' };
    throw bilingualProblem(
      429,
      'RATE_LIMITED',
      'Too Many Requests',
      {
        en: `Too many ${what.en} from ${principal.userId}; retry in ${retryAfter} s.`,
        zh: `${principal.userId} 的${what.zh}过于频繁，请${retryAfter}秒后重试。`,
      },
      { 'Retry-After': retryAfter },
    );
  }
}
