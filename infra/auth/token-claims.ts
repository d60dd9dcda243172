import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { seatPlace, seatPlaceNames } from '../../domain/access/seat-place';
import type { BilingualText } from '../../domain/shared/bilingual-text';
import { isHumanSeat } from '../../domain/shared/seats';
import { textProblemOf, textProblemText, type TextProblemCode } from '../../domain/shared/text-rule';
import type { Principal } from './principal';

/** The claims of ours a token carries besides the registered ones (iss, aud, exp, iat, jti). */
export interface TownsClaims {
  readonly sub: string;
  readonly seat: string;
  readonly county?: string;
  readonly unit?: string;
  readonly name?: string;
}

export type ClaimName = keyof TownsClaims;

/** The longest text a claim may hold: `sub` is recorded as the actor of every event a request causes. */
export const maxClaimLength = 200;

/** Why a claim's value is not text the system takes (`blank` only where the claim must say something). */
export type ClaimTextProblem = 'not-a-string' | 'blank' | 'too-long' | TextProblemCode;

const claimTextProblemText: Readonly<Record<ClaimTextProblem, BilingualText>> = {
  'not-a-string': { en: 'is not a string', zh: '不是字符串' },
  blank: { en: 'is empty', zh: '为空' },
  'too-long': { en: `is longer than ${maxClaimLength} characters`, zh: `超过 ${maxClaimLength} 个字符` },
  ...textProblemText,
};

/**
 * The one rule for the text of a claim, applied where a token is minted (`npm run token`) and where it is
 * verified (the API): a string of at most `maxClaimLength` characters that obeys the text rule every
 * other input obeys (domain/shared/text-rule.ts), and not blank when it must name someone or something.
 */
export function claimTextProblem(value: unknown, blank: 'allowed' | 'refused'): ClaimTextProblem | undefined {
  if (typeof value !== 'string') return 'not-a-string';
  if (blank === 'refused' && value.trim() === '') return 'blank';
  if (value.length > maxClaimLength) return 'too-long';
  return textProblemOf(value);
}

/** What a claim's text problem says after the claim's name ("sub holds a control character"). */
export function describeClaimTextProblem(problem: ClaimTextProblem): BilingualText {
  return claimTextProblemText[problem];
}

/** Which claim describes nobody, and why, in both languages; never the claim's value. */
export interface ClaimProblem {
  readonly claim: ClaimName;
  readonly message: BilingualText;
}

function claimProblem(claim: ClaimName, why: BilingualText): { problem: ClaimProblem } {
  return {
    problem: {
      claim,
      message: { en: `The token's "${claim}" claim ${why.en}.`, zh: `令牌的 "${claim}" 声明${why.zh}。` },
    },
  };
}

/** The claims that must say something, then those that may be absent; each checked as text first. */
const requiredClaims = ['sub', 'seat'] as const;
const optionalClaims = ['county', 'unit', 'name'] as const;

/**
 * The caller a token's claims describe, or the claim that describes nobody. Every claim of ours is
 * checked as text first, so a value the API would refuse anywhere else never becomes an event's actor. A
 * county is accepted by code, Chinese name or alias and kept as its code, a member unit by code or Chinese
 * name, so every later check compares codes. A seat held for one county or one unit needs that claim;
 * other seats' such claims are ignored (they act for the whole city).
 */
export function principalFromClaims(
  claims: Readonly<Record<string, unknown>>,
  policy: PolicyPack,
): { principal: Principal } | { problem: ClaimProblem } {
  for (const claim of requiredClaims) {
    if (claims[claim] === undefined) return claimProblem(claim, { en: 'is missing', zh: '缺失' });
    const problem = claimTextProblem(claims[claim], 'refused');
    if (problem) return claimProblem(claim, describeClaimTextProblem(problem));
  }
  for (const claim of optionalClaims) {
    const problem = claims[claim] === undefined ? undefined : claimTextProblem(claims[claim], 'allowed');
    if (problem) return claimProblem(claim, describeClaimTextProblem(problem));
  }
  // Checked above: each is text, and the required ones are there.
  const { sub, seat, county, unit, name } = claims as unknown as TownsClaims;
  if (!isHumanSeat(seat)) return claimProblem('seat', { en: 'names no seat', zh: '未载明有效的席位' });
  const base = { userId: sub, seat, ...(name === undefined ? {} : { name }) };
  const placed = seatPlace(seat, { county, unit }, policy, 'ignore');
  if ('place' in placed) return { principal: { ...base, ...placed.place } };
  const { field, reason } = placed.problem;
  const place = seatPlaceNames[field];
  return reason === 'missing'
    ? claimProblem(field, { en: `is missing: seat "${seat}" needs it`, zh: `缺失：席位 "${seat}" 须载明` })
    : claimProblem(field, {
        en: `names no ${place} of programme ${policy.id}`,
        zh: `所指${field === 'county' ? '县区' : '成员单位'}不属于项目 ${policy.id}`,
      });
}
