import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import request from 'supertest';
import type { App } from 'supertest/types';
import { humanSeats } from '../../domain/shared/seats';
import { mashanApplication } from '../helpers/http-officials';
import { rsaKeyPair } from '../helpers/rsa-key-pair';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { townDecider } from '../../domain/town';

const application = mashanApplication;

describe('signing in: bearer tokens', () => {
  let system: RunningSystem;
  let http: App;

  beforeAll(async () => {
    system = await startRunningSystem();
    http = system.app.getHttpServer();
  });
  afterAll(() => system.stop());

  const badTokens: Array<[string, () => Promise<string>, string]> = [
    [
      'expired',
      () =>
        system.auth.tokenFor(
          { seat: 'auditor' },
          { issuedAt: new Date(Date.now() - 3_600_000), ttlSeconds: 60 },
        ),
      'TOKEN_EXPIRED',
    ],
    [
      'from another issuer',
      () => system.auth.tokenFor({ seat: 'auditor' }, { issuer: 'someone-else' }),
      'TOKEN_ISSUER_INVALID',
    ],
    [
      'for another audience',
      () => system.auth.tokenFor({ seat: 'auditor' }, { audience: 'other-api' }),
      'TOKEN_AUDIENCE_INVALID',
    ],
    [
      'signed by another key',
      () =>
        system.auth.tokenFor({ seat: 'auditor' }, { privateKey: generateKeyPairSync('ed25519').privateKey }),
      'TOKEN_SIGNATURE_INVALID',
    ],
    [
      'signed with another algorithm',
      () =>
        new SignJWT({ seat: 'auditor' })
          .setProtectedHeader({ alg: 'RS256' })
          .setSubject('a1')
          .setIssuer(system.auth.issuer)
          .setAudience(system.auth.audience)
          .setExpirationTime('5m')
          .sign(rsaKeyPair(2048).privateKey),
      'TOKEN_ALGORITHM_NOT_ALLOWED',
    ],
    ['that is not a JWT', () => Promise.resolve('not-a-token'), 'TOKEN_MALFORMED'],
    [
      'for a county official of no county of the programme',
      () =>
        new SignJWT({ seat: 'county-official', county: '南昌县' })
          .setProtectedHeader({ alg: 'EdDSA' })
          .setSubject('x1')
          .setIssuer(system.auth.issuer)
          .setAudience(system.auth.audience)
          .setExpirationTime('5m')
          .sign(system.auth.privateKey),
      'TOKEN_CLAIMS_INVALID',
    ],
  ];

  it('answers 401 with a Bearer challenge when there is no token', async () => {
    const response = await request(http).get('/api/towns').expect(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="towns"');
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
    await request(http).post('/api/towns').send(application).expect(401);
    await request(http).get('/api/towns').set('Authorization', 'Basic dXNlcjpwdw==').expect(401);
  });

  it.each(badTokens)('answers 401 for a token %s', async (_label, token, code) => {
    const response = await request(http)
      .get('/api/programme/overview')
      .auth(await token(), { type: 'bearer' })
      .expect(401);
    expect(response.body.code).toBe(code);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer realm="towns", error="invalid_token", error_description="${code}"`,
    );
  });

  it.each([
    ['a control character', 'bad\u0001sub', `The token's "sub" claim holds a control character.`],
    ['5,000 characters', 'x'.repeat(5000), `The token's "sub" claim is longer than 200 characters.`],
  ])(
    'refuses a token whose subject holds %s, saying which claim and why, and records nothing',
    async (_label, sub, message) => {
      const token = await system.auth.tokenFor({ userId: sub, seat: 'county-official', county: 'luxi' });
      const before = (await system.store.readAll()).length;
      const response = await request(http)
        .post('/api/towns')
        .auth(token, { type: 'bearer' })
        .send({ ...application, name: '控制字符测试小镇' })
        .expect(401);
      expect(response.body).toMatchObject({ code: 'TOKEN_CLAIMS_INVALID', messageEn: message });
      expect(response.body.messageZh).toMatch(/^令牌的 "sub" 声明/);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="towns", error="invalid_token", error_description="TOKEN_CLAIMS_INVALID"',
      );
      expect(await system.store.readAll()).toHaveLength(before);
    },
  );

  it('keeps health and the API documents open', async () => {
    await request(http).get('/api/health/live').expect(200);
    await request(http).get('/api/health/ready').expect(200);
    await request(http).get('/api/docs-json').expect(200);
  });

  describe('who may apply for a town: every seat, own and other county, through HTTP', () => {
    const cases = humanSeats.flatMap((seat) =>
      (['own', 'other'] as const).map((where) => ({
        seat,
        where,
        expected: seat === 'county-official' && where === 'own' ? 201 : 403,
        code:
          seat !== 'county-official'
            ? 'ROLE_NOT_ALLOWED'
            : where === 'own'
              ? undefined
              : 'ACTOR_COUNTY_MISMATCH',
      })),
    );

    it.each(cases)(
      '$seat applying in the $where county → $expected',
      async ({ seat, where, expected, code }) => {
        const token = await system.auth.tokenFor({
          seat,
          ...(seat === 'county-official' ? { county: 'luxi' } : {}),
          ...(seat === 'member-unit-inspector' ? { unit: 'construction' } : {}),
        });
        const before = (await system.store.readAll()).length;
        const response = await request(http)
          .post('/api/towns')
          .auth(token, { type: 'bearer' })
          .send({ ...application, name: `${seat}-${where}`, county: where === 'own' ? '芦溪县' : '上栗县' })
          .expect(expected);
        if (code) {
          expect(response.body.code).toBe(code);
          expect(await system.store.readAll()).toHaveLength(before);
        } else {
          const [event] = await system.store.readStream(townDecider.streamOf(response.body.townId));
          expect(event?.metadata.actor).toEqual({
            userId: 'county-official-luxi-1',
            seat: 'county-official',
            county: 'luxi',
          });
        }
      },
    );
  });

  it("refuses a county official another county's town and deadlines, and lets the auditor read them", async () => {
    const luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    const shangli = await system.auth.tokenFor({ seat: 'county-official', county: 'shangli' });
    const auditor = await system.auth.tokenFor({ seat: 'auditor' });
    const applied = await request(http)
      .post('/api/towns')
      .auth(luxi, { type: 'bearer' })
      .send({ ...application, name: '芦溪读取测试小镇' })
      .expect(201);
    const townId = applied.body.townId as string;
    // Others' reads wait for the application to be in the read models, named by its position.
    const [position] = applied.body.positions as string[];
    for (const path of [`/api/towns/${townId}`, `/api/towns/${townId}/history`, '/api/towns?county=luxi']) {
      const refused = await request(http)
        .get(path)
        .auth(shangli, { type: 'bearer' })
        .set('X-Min-Position', position!)
        .expect(403);
      expect(refused.body.code).toBe('ACTOR_COUNTY_MISMATCH');
      await request(http)
        .get(path)
        .auth(auditor, { type: 'bearer' })
        .set('X-Min-Position', position!)
        .expect(200);
      await request(http).get(path).auth(luxi, { type: 'bearer' }).expect(200);
    }
    const own = await request(http).get('/api/towns').auth(shangli, { type: 'bearer' }).expect(200);
    const counties = (own.body.items as { county: string }[]).map((town) => town.county);
    expect(counties.every((county) => county === 'shangli')).toBe(true);
  });

  it('answers in Chinese when asked, keeping both messages', async () => {
    const auditor = await system.auth.tokenFor({ seat: 'auditor' });
    const english = await request(http)
      .post('/api/towns')
      .auth(auditor, { type: 'bearer' })
      .send(application)
      .expect(403);
    const chinese = await request(http)
      .post('/api/towns')
      .auth(auditor, { type: 'bearer' })
      .set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5')
      .send(application)
      .expect(403);
    expect(english.body.detail).toBe(english.body.messageEn);
    expect(chinese.body.detail).toBe(chinese.body.messageZh);
    expect(chinese.body.messageEn).toBe(english.body.messageEn);
    expect(chinese.body.detail).toMatch(/席位/);
    expect(chinese.headers['content-language']).toBe('zh');

    // A lifecycle refusal (409) the same way: the second batch's window is not open yet.
    const luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    const refused = await request(http)
      .post('/api/towns')
      .auth(luxi, { type: 'bearer' })
      .set('Accept-Language', 'zh')
      .send({ ...application, batchId: '2018' })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'APPLICATION_WINDOW_NOT_OPEN',
      detail: refused.body.messageZh,
    });
    expect(refused.body.messageEn).toMatch(/not open yet/);
  });
});
