import type { ThrottlerStorage } from '@nestjs/throttler';
import type { NextFunction, Request, Response } from 'express';
import { problem } from '../errors/problem';
import { sendProblem } from '../errors/send-problem';

export interface RateLimitSettings {
  /** Requests one client address may make per window. */
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * Limits what anyone may ask without signing in, where it is mounted: the API documents, never health.
 * Signed-in requests are accounted to a person and are not limited here. Counted in the throttler's
 * storage, so a shared store (Redis) can replace the in-memory one without touching this.
 */
export function publicRateLimit(storage: ThrottlerStorage, settings: RateLimitSettings) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const key = `public:${request.ip ?? 'unknown'}`;
    storage.increment(key, settings.windowMs, settings.limit, settings.windowMs, 'public').then(
      (record) => {
        response.setHeader('X-RateLimit-Limit', String(settings.limit));
        response.setHeader('X-RateLimit-Remaining', String(Math.max(0, settings.limit - record.totalHits)));
        if (!record.isBlocked) return next();
        const retryAfter = String(Math.max(1, Math.ceil(record.timeToBlockExpire)));
        sendProblem(
          request,
          response,
          problem(429, 'RATE_LIMITED', 'Too Many Requests', {
            en: `Too many requests; retry in ${retryAfter} s.`,
            zh: `请求过于频繁，请${retryAfter}秒后重试。`,
          }),
          { 'Retry-After': retryAfter },
        );
      },
      (error: unknown) => next(error),
    );
  };
}
