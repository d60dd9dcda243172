import { parseTokenRequest } from '../../../apps/token/token-request';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import {
  claimTextProblem,
  maxClaimLength,
  principalFromClaims,
  type ClaimTextProblem,
} from '../../../infra/auth/token-claims';

const auditor = { seat: 'auditor' };

/** Texts no claim may hold, and why: what both the token command and the API refuse. */
const badTexts: Array<[string, string, ClaimTextProblem, string]> = [
  ['a control character', 'bad\u0001sub', 'TEXT_CONTROL_CHARACTER', 'holds a control character'],
  ['DEL', 'bad\u007fsub', 'TEXT_CONTROL_CHARACTER', 'holds a control character'],
  [
    'a lone surrogate',
    'bad\ud800sub',
    'TEXT_NOT_WELL_FORMED',
    'is not well-formed Unicode (it holds a lone surrogate)',
  ],
  ['text not in NFC', 'cafe\u0301', 'TEXT_NOT_NFC', 'is not in Unicode normalisation form C (NFC)'],
  ['too many characters', 'x'.repeat(maxClaimLength + 1), 'too-long', 'is longer than 200 characters'],
];

describe('the rule for the text of a claim', () => {
  it.each([
    ['u1', undefined],
    ['luxi-official-1', undefined],
    ['张三', undefined],
    ['x'.repeat(maxClaimLength), undefined],
    ['a\tb', undefined],
  ])('takes %j', (text, problem) => {
    expect(claimTextProblem(text, 'refused')).toBe(problem);
  });

  it.each(badTexts)('refuses %s', (_label, text, problem) => {
    expect(claimTextProblem(text, 'refused')).toBe(problem);
    expect(claimTextProblem(text, 'allowed')).toBe(problem);
  });

  it('refuses a blank text only where the claim must name someone', () => {
    expect(claimTextProblem('', 'refused')).toBe('blank');
    expect(claimTextProblem('  ', 'refused')).toBe('blank');
    expect(claimTextProblem('', 'allowed')).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    expect(claimTextProblem(42, 'allowed')).toBe('not-a-string');
    expect(claimTextProblem(null, 'refused')).toBe('not-a-string');
  });
});

describe('one rule where a token is minted and where it is verified', () => {
  describe.each(badTexts)('a subject with %s', (_label, text, _problem, message) => {
    it('is refused by npm run token, naming the option', () => {
      const result = parseTokenRequest(['--role', 'auditor', '--sub', text], pingxiang2017);
      expect(result).toMatchObject({ ok: false, error: { code: 'OPTION_INVALID' } });
      if (!result.ok) expect(result.error.message).toBe(`--sub ${message}`);
    });

    it('is refused by the API, naming the claim', () => {
      const result = principalFromClaims({ ...auditor, sub: text }, pingxiang2017);
      expect(result).toMatchObject({ problem: { claim: 'sub' } });
      if ('problem' in result) {
        expect(result.problem.message.en).toBe(`The token's "sub" claim ${message}.`);
        expect(result.problem.message.zh).toMatch(/^令牌的 "sub" 声明/);
      }
    });
  });

  describe.each(badTexts)('a name with %s', (_label, text, _problem, message) => {
    it('is refused by both', () => {
      const minted = parseTokenRequest(['--role', 'auditor', '--name', text], pingxiang2017);
      expect(minted).toMatchObject({ ok: false, error: { code: 'OPTION_INVALID' } });
      if (!minted.ok) expect(minted.error.message).toBe(`--name ${message}`);
      expect(principalFromClaims({ ...auditor, sub: 'u1', name: text }, pingxiang2017)).toMatchObject({
        problem: { claim: 'name', message: { en: `The token's "name" claim ${message}.` } },
      });
    });
  });

  it('an empty subject is refused by both, never replaced by the default', () => {
    const minted = parseTokenRequest(['--role', 'auditor', '--sub', ''], pingxiang2017);
    expect(minted).toMatchObject({ ok: false, error: { code: 'OPTION_INVALID', message: '--sub is empty' } });
    expect(principalFromClaims({ ...auditor, sub: '' }, pingxiang2017)).toMatchObject({
      problem: { claim: 'sub', message: { en: `The token's "sub" claim is empty.` } },
    });
  });

  it('a subject of the longest length is taken by both, as given', () => {
    const longest = 'x'.repeat(maxClaimLength);
    expect(parseTokenRequest(['--role', 'auditor', '--sub', longest], pingxiang2017)).toMatchObject({
      ok: true,
      principal: { userId: longest },
    });
    expect(principalFromClaims({ ...auditor, sub: longest }, pingxiang2017)).toEqual({
      principal: { userId: longest, seat: 'auditor' },
    });
  });
});

describe('the API says which claim describes nobody, and why', () => {
  it.each([
    [{ seat: 'auditor' }, 'sub', `The token's "sub" claim is missing.`],
    [{ sub: 'u1' }, 'seat', `The token's "seat" claim is missing.`],
    [{ sub: 'u1', seat: 'mayor' }, 'seat', `The token's "seat" claim names no seat.`],
    [{ sub: 7, seat: 'auditor' }, 'sub', `The token's "sub" claim is not a string.`],
    [
      { sub: 'u1', seat: 'county-official' },
      'county',
      `The token's "county" claim is missing: seat "county-official" needs it.`,
    ],
    [
      { sub: 'u1', seat: 'county-official', county: '南昌县' },
      'county',
      `The token's "county" claim names no county of programme pingxiang-2017.`,
    ],
    [
      { sub: 'i1', seat: 'member-unit-inspector', unit: '市教育局' },
      'unit',
      `The token's "unit" claim names no member unit of programme pingxiang-2017.`,
    ],
    // A county claim the seat ignores is still text the API takes or refuses.
    [
      { sub: 'a1', seat: 'auditor', county: 'lu\u0000xi' },
      'county',
      `The token's "county" claim holds a control character.`,
    ],
  ])('%j → %s', (claims, claim, en) => {
    expect(principalFromClaims(claims, pingxiang2017)).toMatchObject({ problem: { claim, message: { en } } });
  });

  it('never echoes the value it refuses', () => {
    const result = principalFromClaims(
      { sub: 'u1', seat: 'county-official', county: '南昌县' },
      pingxiang2017,
    );
    expect(JSON.stringify(result)).not.toContain('南昌县');
  });
});
