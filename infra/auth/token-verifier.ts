import type { KeyObject } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { BilingualText } from '../../domain/shared/bilingual-text';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { SigningAlgorithm } from './auth-keys';
import type { Principal } from './principal';
import { principalFromClaims } from './token-claims';
import { VerifiedTokenCache } from './verified-token-cache';

export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'algorithm'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'claims';

/**
 * No caller could be established. Never says more than the reason — for claims, which claim and why —
 * and never echoes a token's content.
 */
export class AuthenticationError extends Error {
  constructor(
    readonly reason: AuthenticationFailure,
    message: string,
    /** What exactly is wrong, for the caller, where the reason alone does not say (which claim, why). */
    readonly explanation?: BilingualText,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export interface TokenVerifierOptions {
  readonly publicKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  readonly issuer: string;
  readonly audience: string;
  /** The pack whose counties a county official's claim must name. */
  readonly policy: PolicyPack;
  /** Leeway for clocks that disagree a little; default 5 seconds. */
  readonly clockToleranceSeconds?: number;
  /** Tokens kept verified (verified-token-cache.ts); default 10,000, 0 to verify every time. */
  readonly cachedTokens?: number;
  /** The clock expiry is judged by; the machine's unless a test moves it. */
  readonly nowMs?: () => number;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const toleranceSeconds = options.clockToleranceSeconds ?? 5;
  const nowMs = options.nowMs ?? Date.now;
  const verified = new VerifiedTokenCache(options.cachedTokens ?? 10_000);
  return {
    verify: async (token) => {
      const now = nowMs();
      const known = verified.principalOf(token, now);
      if (known) return known;
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, options.publicKey, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: [options.algorithm],
          requiredClaims: ['sub', 'exp'],
          clockTolerance: toleranceSeconds,
          currentDate: new Date(now),
        }));
      } catch (error) {
        throw toAuthenticationError(error);
      }
      const result = principalFromClaims(payload, options.policy);
      if ('problem' in result) {
        throw new AuthenticationError('claims', result.problem.message.en, result.problem.message);
      }
      // jose accepts a token while now - tolerance < exp (`exp` is required above): the cache no longer.
      if (typeof payload.exp === 'number') {
        verified.remember(token, result.principal, (payload.exp + toleranceSeconds) * 1000);
      }
      return result.principal;
    },
  };
}

function toAuthenticationError(error: unknown): AuthenticationError {
  if (error instanceof errors.JWTExpired) return new AuthenticationError('expired', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return new AuthenticationError('issuer', 'The token was issued by another issuer.');
      case 'aud':
        return new AuthenticationError('audience', 'The token is meant for another audience.');
      case 'nbf':
      case 'iat':
        return new AuthenticationError('not-yet-valid', 'The token is not valid yet.');
      default: {
        const explanation = {
          en: `The token's "${error.claim}" claim is invalid.`,
          zh: `令牌的 "${error.claim}" 声明无效。`,
        };
        return new AuthenticationError('claims', explanation.en, explanation);
      }
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError('algorithm', 'The token is signed with an algorithm not accepted here.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError('signature', 'The token signature does not verify.');
  }
  if (error instanceof errors.JOSEError) {
    return new AuthenticationError('malformed', 'The token is not a well-formed signed JWT.');
  }
  if (error instanceof TypeError) {
    // jose reports some structural problems (e.g. a key of the wrong type for the header) as TypeErrors.
    return new AuthenticationError('malformed', 'The token is not a well-formed signed JWT.');
  }
  throw error;
}
