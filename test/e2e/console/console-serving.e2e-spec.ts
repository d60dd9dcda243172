import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApi } from '../../../apps/api/create-api';
import type { DevSignInKeys } from '../../../apps/api/dev-sign-in/dev-sign-in.keys';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { createTokenVerifier } from '../../../infra/auth/token-verifier';
import { createEventStore } from '../../../infra/event-store/create-event-store';
import type { EventStore } from '../../../infra/event-store/event-store.port';

/**
 * The console as the API serves it, and the development sign-in, which exists only with the development
 * private key. Neither reaches Temporal, so the API runs here on a lazy client that never connects.
 */
describe('the API serves the console and, in development only, signs in', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const issuer = 'towns-test';
  const audience = 'towns-api';
  const verifier = createTokenVerifier({
    publicKey,
    algorithm: 'EdDSA',
    issuer,
    audience,
    policy: pingxiang2017,
  });
  const devSignIn: DevSignInKeys = { privateKey, algorithm: 'EdDSA', issuer, audience, ttlSeconds: 3600 };
  const consoleDir = mkdtempSync(join(tmpdir(), 'towns-console-'));
  let store: EventStore;
  const apps: NestExpressApplication[] = [];

  async function api(options: { devSignIn?: DevSignInKeys; consoleDir?: string }): Promise<App> {
    const app = await createApi(
      {
        client: new Client(),
        store,
        verifier,
        settings: {
          taskQueue: 'console-serving',
          policy: pingxiang2017,
          corsOrigins: ['https://console.example'],
        },
        ...options,
      },
      { logger: false, requestLog: false },
    );
    apps.push(app);
    await app.init();
    return app.getHttpServer();
  }

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    mkdirSync(join(consoleDir, 'assets'));
    writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(consoleDir, 'assets', 'index-0a1b2c3d.js'), 'console.log(1)');
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await store.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client routes, revalidated on every load, under a CSP', async () => {
    const http = await api({ consoleDir });
    for (const path of [
      '/',
      '/towns',
      '/towns/7d1c2b9e-0000-4000-8000-000000000000',
      '/sign-in?from=%2Ftowns',
    ]) {
      const page = await request(http).get(path).expect(200);
      expect(page.text).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets as immutable for a year', async () => {
    const http = await api({ consoleDir });
    const asset = await request(http).get('/assets/index-0a1b2c3d.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never shadows the API: an unknown /api route is still a problem, not the console', async () => {
    const http = await api({ consoleDir });
    const missing = await request(http).get('/api/no-such-route').expect(404);
    expect(missing.headers['content-type']).toMatch(/json/);
    expect(missing.text).not.toContain('<div id="root">');
    await request(http).get('/api/health/live').expect(200);
  });

  it('answers CORS for the configured console origin only', async () => {
    const http = await api({ consoleDir });
    const allowed = await request(http).get('/api/health/live').set('Origin', 'https://console.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
    const other = await request(http).get('/api/health/live').set('Origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('has no development sign-in when only a public key is configured', async () => {
    const http = await api({ consoleDir });
    await request(http).get('/api/dev-sign-in').expect(404);
    await request(http).post('/api/dev-sign-in').send({ seat: 'auditor' }).expect(404);
  });

  it('with the development key, lists the seats and counties and signs a token the API accepts', async () => {
    const http = await api({ devSignIn });
    const options = await request(http).get('/api/dev-sign-in').expect(200);
    expect(options.body.seats).toContainEqual({
      seat: 'county-official',
      countyScoped: true,
      unitScoped: false,
    });
    expect(options.body.seats).toContainEqual({
      seat: 'member-unit-inspector',
      countyScoped: false,
      unitScoped: true,
    });
    expect(options.body.units).toContainEqual(expect.objectContaining({ code: 'construction' }));
    const seats = (options.body.seats as { seat: string }[]).map((entry) => entry.seat);
    expect(seats).not.toContain('system');
    expect(options.body.counties).toContainEqual(expect.objectContaining({ code: 'luxi', nameZh: '芦溪县' }));

    const signed = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'county-official', county: '芦溪县', name: '张三' })
      .expect(200);
    const verified = await verifier.verify(signed.body.token);
    expect(verified).toEqual({
      userId: 'county-official-luxi-1',
      seat: 'county-official',
      county: 'luxi',
      name: '张三',
    });
    expect(Date.parse(signed.body.expiresAt)).toBeGreaterThan(Date.now());
    await request(http).get('/api/policy').auth(signed.body.token, { type: 'bearer' }).expect(200);
  });

  it('refuses a county official without a county, and a county for a seat that has none', async () => {
    const http = await api({ devSignIn });
    const noCounty = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'county-official' })
      .expect(400);
    expect(noCounty.body.errors).toContainEqual(
      expect.objectContaining({ field: 'county', code: 'COUNTY_UNKNOWN' }),
    );
    const stray = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'auditor', county: 'luxi' })
      .expect(400);
    expect(stray.body.errors).toContainEqual(expect.objectContaining({ code: 'COUNTY_NOT_APPLICABLE' }));
    await request(http).post('/api/dev-sign-in').send({ seat: 'system' }).expect(400);
  });

  it('signs an inspector in for one member unit, and refuses one without a unit or with a stray one', async () => {
    const http = await api({ devSignIn });
    const signed = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'member-unit-inspector', unit: 'construction' })
      .expect(200);
    expect(await verifier.verify(signed.body.token)).toEqual({
      userId: 'member-unit-inspector-construction-1',
      seat: 'member-unit-inspector',
      unit: 'construction',
    });
    const noUnit = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'member-unit-inspector' })
      .expect(400);
    expect(noUnit.body.errors).toContainEqual(
      expect.objectContaining({ field: 'unit', code: 'UNIT_UNKNOWN' }),
    );
    const stray = await request(http)
      .post('/api/dev-sign-in')
      .send({ seat: 'auditor', unit: 'construction' })
      .expect(400);
    expect(stray.body.errors).toContainEqual(expect.objectContaining({ code: 'UNIT_NOT_APPLICABLE' }));
  });
});
