import { generateKeyPairSync } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from '@temporalio/client';
import request from 'supertest';
import { createApi } from '../../apps/api/create-api';
import type { DevSignInKeys } from '../../apps/api/dev-sign-in/dev-sign-in.keys';
import { pingxiang2017 } from '../../domain/policy/packs/pingxiang-2017';
import { mintToken } from '../../infra/auth/token-issuer';
import { createTokenVerifier } from '../../infra/auth/token-verifier';
import { createEventStore } from '../../infra/event-store/create-event-store';
import type { EventStore } from '../../infra/event-store/event-store.port';

/**
 * The API as `npm start` composes it (the development key, no training clock): the training clock's
 * routes do not exist, not even for an administrator, and the API document does not name them. The
 * routes never reach Temporal, so the API runs on a lazy client that never connects.
 */
describe('the training clock outside training mode', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const keys = { algorithm: 'EdDSA', issuer: 'towns-test', audience: 'towns-api' } as const;
  const devSignIn: DevSignInKeys = { privateKey, ...keys, ttlSeconds: 3600 };
  let store: EventStore;
  let app: NestExpressApplication;

  beforeAll(async () => {
    store = await createEventStore({ kind: 'pglite' });
    app = await createApi(
      {
        client: new Client(),
        store,
        verifier: createTokenVerifier({ publicKey, ...keys, policy: pingxiang2017 }),
        settings: { taskQueue: 'training-clock-absent', policy: pingxiang2017 },
        devSignIn,
      },
      { logger: false, requestLog: false },
    );
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers 404 for reading and for moving the clock', async () => {
    const administrator = await mintToken({
      privateKey,
      ...keys,
      ttlSeconds: 600,
      principal: { userId: 'administrator-1', seat: 'administrator' },
    });
    const http = app.getHttpServer();
    const read = await request(http).get('/api/training/clock').auth(administrator, { type: 'bearer' });
    expect(read.status).toBe(404);
    expect(read.headers['content-type']).toMatch(/problem\+json|json/);
    const moved = await request(http)
      .post('/api/training/clock')
      .auth(administrator, { type: 'bearer' })
      .send({ to: 'next-deadline' });
    expect(moved.status).toBe(404);
    const document = await request(http).get('/api/docs-json').expect(200);
    expect(Object.keys(document.body.paths as object)).not.toContain('/api/training/clock');
  });
});
