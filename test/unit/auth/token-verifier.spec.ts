import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { mintToken } from '../../../infra/auth/token-issuer';
import { AuthenticationError, createTokenVerifier } from '../../../infra/auth/token-verifier';
import { rsaKeyPair } from '../../helpers/rsa-key-pair';

const edKeys = generateKeyPairSync('ed25519');
const otherEdKeys = generateKeyPairSync('ed25519');
const rsaKeys = rsaKeyPair(2048);
const issuer = 'towns-test';
const audience = 'towns-api';
const verifier = createTokenVerifier({
  publicKey: edKeys.publicKey,
  algorithm: 'EdDSA',
  issuer,
  audience,
  policy: pingxiang2017,
});

function mint(
  claims: Record<string, unknown>,
  options: { iss?: string; aud?: string; exp?: number; nbf?: number } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'EdDSA' })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? audience)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(edKeys.privateKey);
}

async function failure(token: string | Promise<string>): Promise<string> {
  try {
    await verifier.verify(await token);
  } catch (error) {
    if (error instanceof AuthenticationError) return error.reason;
    throw error;
  }
  throw new Error('the token was accepted');
}

describe('token verification', () => {
  it('accepts a token from the issuer for the audience, and normalises the county to its code', async () => {
    const token = await mint({ sub: 'u1', seat: 'county-official', county: '芦溪县', name: '张三' });
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'u1',
      seat: 'county-official',
      county: 'luxi',
      name: '张三',
    });
  });

  it('binds a member-unit inspector to the unit the token names, by code or Chinese name', async () => {
    const token = await mint({ sub: 'i1', seat: 'member-unit-inspector', unit: '市建设局' });
    await expect(verifier.verify(token)).resolves.toEqual({
      userId: 'i1',
      seat: 'member-unit-inspector',
      unit: 'construction',
    });
  });

  it('drops a county claim on a seat that is not scoped to a county', async () => {
    const token = await mint({ sub: 'a1', seat: 'auditor', county: 'luxi' });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'a1', seat: 'auditor' });
  });

  it('round-trips a token minted by the issuer of the token command', async () => {
    const token = await mintToken({
      privateKey: edKeys.privateKey,
      algorithm: 'EdDSA',
      issuer,
      audience,
      principal: { userId: 'f1', seat: 'finance-bureau' },
      ttlSeconds: 60,
    });
    await expect(verifier.verify(token)).resolves.toEqual({ userId: 'f1', seat: 'finance-bureau' });
  });

  it.each([
    ['expired', mint({ sub: 'u1', seat: 'auditor' }, { exp: Math.floor(Date.now() / 1000) - 60 }), 'expired'],
    ['from another issuer', mint({ sub: 'u1', seat: 'auditor' }, { iss: 'elsewhere' }), 'issuer'],
    ['for another audience', mint({ sub: 'u1', seat: 'auditor' }, { aud: 'another-api' }), 'audience'],
    [
      'not valid yet',
      mint({ sub: 'u1', seat: 'auditor' }, { nbf: Math.floor(Date.now() / 1000) + 3600 }),
      'not-yet-valid',
    ],
    ['without a subject', mint({ seat: 'auditor' }), 'claims'],
    [
      'whose subject is longer than a claim may be',
      mint({ sub: 'x'.repeat(5000), seat: 'auditor' }),
      'claims',
    ],
    ['whose name is not in NFC', mint({ sub: 'u1', seat: 'auditor', name: 'cafe\u0301' }), 'claims'],
    ['naming no seat', mint({ sub: 'u1', seat: 'mayor' }), 'claims'],
    ['naming the scheduler seat', mint({ sub: 'u1', seat: 'system' }), 'claims'],
    ['a county official without a county', mint({ sub: 'u1', seat: 'county-official' }), 'claims'],
    [
      'a county official of an unknown county',
      mint({ sub: 'u1', seat: 'county-official', county: '南昌县' }),
      'claims',
    ],
    ['an inspector without a member unit', mint({ sub: 'i1', seat: 'member-unit-inspector' }), 'claims'],
    [
      'an inspector of a unit that is not a member unit',
      mint({ sub: 'i1', seat: 'member-unit-inspector', unit: '市教育局' }),
      'claims',
    ],
  ])('refuses a token %s', async (_label, token, reason) => {
    await expect(failure(token)).resolves.toBe(reason);
  });

  it('says which claim describes nobody and why, without echoing it', async () => {
    const token = await mint({ sub: `bad\u0001sub`, seat: 'county-official', county: 'luxi' });
    const refusal = await verifier.verify(token).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AuthenticationError);
    expect(refusal).toMatchObject({
      reason: 'claims',
      explanation: {
        en: `The token's "sub" claim holds a control character.`,
        zh: '令牌的 "sub" 声明含有控制字符。',
      },
    });
    expect(JSON.stringify((refusal as AuthenticationError).explanation)).not.toContain('bad');
  });

  it('refuses a token signed by another key', async () => {
    const token = await new SignJWT({ sub: 'u1', seat: 'auditor' })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(otherEdKeys.privateKey);
    await expect(failure(token)).resolves.toBe('signature');
  });

  it('refuses a token signed with another algorithm, even with a key it would verify', async () => {
    const token = await new SignJWT({ sub: 'u1', seat: 'auditor' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(rsaKeys.privateKey);
    await expect(failure(token)).resolves.toBe('algorithm');
  });

  it('refuses an unsigned token (alg "none") and garbage', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'u1', seat: 'auditor' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .encode();
    await expect(failure(unsigned)).resolves.toBe('algorithm');
    await expect(failure('not.a.jwt')).resolves.toBe('malformed');
    await expect(failure('x')).resolves.toBe('malformed');
  });

  it('verifies RS256 tokens when configured with an RSA key', async () => {
    const rsaVerifier = createTokenVerifier({
      publicKey: rsaKeys.publicKey,
      algorithm: 'RS256',
      issuer,
      audience,
      policy: pingxiang2017,
    });
    const token = await mintToken({
      privateKey: rsaKeys.privateKey,
      algorithm: 'RS256',
      issuer,
      audience,
      principal: { userId: 'o1', seat: 'joint-meeting-office' },
      ttlSeconds: 60,
    });
    await expect(rsaVerifier.verify(token)).resolves.toEqual({ userId: 'o1', seat: 'joint-meeting-office' });
  });
});

describe('tokens verified before', () => {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + 60;
  let nowMs = issuedAt * 1000;
  const clocked = createTokenVerifier({
    publicKey: edKeys.publicKey,
    algorithm: 'EdDSA',
    issuer,
    audience,
    policy: pingxiang2017,
    nowMs: () => nowMs,
  });
  const reasonOf = (token: string) =>
    clocked.verify(token).then(
      () => 'accepted',
      (error: unknown) => (error instanceof AuthenticationError ? error.reason : 'other'),
    );

  it('are accepted again until they expire (with the clock tolerance), then refused as expired', async () => {
    nowMs = issuedAt * 1000;
    const token = await mint({ sub: 'c1', seat: 'county-official', county: 'luxi' }, { exp: expiresAt });
    await expect(clocked.verify(token)).resolves.toMatchObject({ userId: 'c1', county: 'luxi' });
    nowMs = (expiresAt + 4) * 1000 + 999;
    await expect(reasonOf(token)).resolves.toBe('accepted');
    nowMs = (expiresAt + 5) * 1000;
    await expect(reasonOf(token)).resolves.toBe('expired');
  });

  it('do not vouch for a token that differs from them by one character', async () => {
    nowMs = issuedAt * 1000;
    const token = await mint({ sub: 'c2', seat: 'county-official', county: 'luxi' }, { exp: expiresAt });
    await expect(reasonOf(token)).resolves.toBe('accepted');
    // The signature's first character: all six of its bits are the signature's (the last one's are not).
    const [header, payload, signature = ''] = token.split('.');
    const changed = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(reasonOf(`${header}.${payload}.${changed}`)).resolves.toBe('signature');
  });
});
