import { DomainRefusal } from '../../../domain/shared/domain-refusal';
import type { AccessDecision } from '../../../domain/access/authorize';
import type { BilingualText } from '../../../domain/shared/bilingual-text';
import type { AuthenticationFailure } from '../../../infra/auth/token-verifier';
import { bilingualProblem, ProblemException } from '../errors/problem';

const realm = 'towns';

const failures: Readonly<Record<AuthenticationFailure, { code: string; en: string; zh: string }>> = {
  missing: {
    code: 'AUTHENTICATION_REQUIRED',
    en: 'Sign in: send a bearer token in the Authorization header.',
    zh: '请先登录：在 Authorization 请求头中提供 Bearer 令牌。',
  },
  malformed: {
    code: 'TOKEN_MALFORMED',
    en: 'The bearer token is not a well-formed signed JWT.',
    zh: '令牌格式不正确。',
  },
  signature: {
    code: 'TOKEN_SIGNATURE_INVALID',
    en: 'The token signature does not verify.',
    zh: '令牌签名无效。',
  },
  algorithm: {
    code: 'TOKEN_ALGORITHM_NOT_ALLOWED',
    en: 'The token is signed with an algorithm this API does not accept.',
    zh: '令牌的签名算法不被接受。',
  },
  expired: {
    code: 'TOKEN_EXPIRED',
    en: 'The token has expired; sign in again.',
    zh: '令牌已过期，请重新登录。',
  },
  'not-yet-valid': { code: 'TOKEN_NOT_YET_VALID', en: 'The token is not valid yet.', zh: '令牌尚未生效。' },
  issuer: {
    code: 'TOKEN_ISSUER_INVALID',
    en: 'The token was not issued by the issuer this API trusts.',
    zh: '令牌的签发方不受信任。',
  },
  audience: {
    code: 'TOKEN_AUDIENCE_INVALID',
    en: 'The token was issued for another audience.',
    zh: '令牌的受众不是本系统。',
  },
  claims: {
    code: 'TOKEN_CLAIMS_INVALID',
    en: 'The token does not name a valid caller.',
    zh: '令牌未载明有效的调用者。',
  },
};

/**
 * 401, with the RFC 6750 challenge telling the client what to fix; `explanation` (which claim, and why)
 * in place of the reason's general message when the verifier gave one.
 */
export function unauthenticated(
  reason: AuthenticationFailure,
  explanation?: BilingualText,
): ProblemException {
  const failure = failures[reason];
  const challenge =
    reason === 'missing'
      ? `Bearer realm="${realm}"`
      : `Bearer realm="${realm}", error="invalid_token", error_description="${failure.code}"`;
  return bilingualProblem(401, failure.code, 'Unauthorized', explanation ?? failure, {
    'WWW-Authenticate': challenge,
  });
}

/** 403 for a denied decision, with the domain's own codes and messages (domain/shared/refusal-catalogue.ts). */
export function forbidden(decision: Extract<AccessDecision, { allowed: false }>): ProblemException {
  const refusal = new DomainRefusal(decision.code, { ...decision.details });
  return bilingualProblem(403, refusal.code, 'Forbidden', { en: refusal.messageEn, zh: refusal.messageZh });
}
