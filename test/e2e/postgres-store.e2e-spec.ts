import request from 'supertest';
import type { App } from 'supertest/types';
import { loadConfig } from '../../infra/config/app-config';
import { dropSchema, uniqueSchema } from '../helpers/postgres-schema';
import { mashanApplication } from '../helpers/http-officials';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { townDecider } from '../../domain/town';

const databaseUrl = process.env.DATABASE_URL;

if (databaseUrl !== undefined && databaseUrl !== '') {
  /**
   * The API as a deployment runs it with `EVENT_STORE=postgres`: the store is configured from the same
   * variables (`DATABASE_URL`, `DATABASE_SCHEMA`), the read models follow PostgreSQL's log, the auditors
   * read its hash chains. A schema of its own, dropped afterwards.
   */
  describe('the API on PostgreSQL (EVENT_STORE=postgres)', () => {
    const schema = uniqueSchema('e2e');
    let system: RunningSystem;
    let http: App;
    let luxi: string;
    let shangli: string;
    let auditor: string;
    let townId: string;

    beforeAll(async () => {
      const config = loadConfig({ ...process.env, EVENT_STORE: 'postgres', DATABASE_SCHEMA: schema });
      expect(config.eventStore).toEqual({ kind: 'postgres', url: databaseUrl, schema });
      system = await startRunningSystem({ eventStore: config.eventStore });
      http = system.app.getHttpServer();
      luxi = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
      shangli = await system.auth.tokenFor({ seat: 'county-official', county: 'shangli' });
      auditor = await system.auth.tokenFor({ seat: 'auditor' });
    });

    afterAll(async () => {
      await system.stop();
      await dropSchema(databaseUrl, schema);
    });

    it('stores an application in PostgreSQL and reads it back at once', async () => {
      expect(system.store.kind).toBe('postgres');
      const applied = await request(http)
        .post('/api/towns')
        .auth(luxi, { type: 'bearer' })
        .set('Idempotency-Key', 'pg-apply-1')
        .send(mashanApplication)
        .expect(201);
      townId = applied.body.townId as string;
      const town = await request(http).get(`/api/towns/${townId}`).auth(luxi, { type: 'bearer' }).expect(200);
      expect(town.body).toMatchObject({ townId, status: 'applied', county: 'luxi' });
      const [stored] = await system.store.readStream(townDecider.streamOf(townId));
      expect(stored).toMatchObject({
        type: 'TownApplied',
        data: expect.objectContaining({ county: 'luxi' }),
      });

      const retried = await request(http)
        .post('/api/towns')
        .auth(luxi, { type: 'bearer' })
        .set('Idempotency-Key', 'pg-apply-1')
        .send(mashanApplication)
        .expect(201);
      expect(retried.body.townId).toBe(townId);
      expect(await system.store.readStream(townDecider.streamOf(townId))).toHaveLength(1);
    });

    it("keeps another county's official out, and shows the auditor the record with its hash chain", async () => {
      const refused = await request(http)
        .get(`/api/towns/${townId}/history`)
        .auth(shangli, { type: 'bearer' })
        .expect(403);
      expect(refused.body.code).toBe('ACTOR_COUNTY_MISMATCH');
      const audited = await request(http)
        .get(`/api/audit/towns/${townId}/history`)
        .auth(auditor, { type: 'bearer' })
        .expect(200);
      expect(audited.body.events).toEqual([
        expect.objectContaining({
          type: 'TownApplied',
          contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          chainHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          logHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      ]);
    });

    it('refuses text PostgreSQL would refuse, at the edge, writing nothing', async () => {
      const officials = async () =>
        (await system.store.readAll()).filter((event) => event.metadata.actor.seat !== 'system').length;
      const before = await officials();
      const response = await request(http)
        .post('/api/towns')
        .auth(luxi, { type: 'bearer' })
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ ...mashanApplication, name: 'x' }).replace('"x"', '"a\\u0000b"'))
        .expect(400);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'name', code: 'TEXT_CONTROL_CHARACTER' }),
      ]);
      expect(await officials()).toBe(before);
    });
  });
} else {
  // Skipped only without a PostgreSQL server to run against (no DATABASE_URL): reported as skipped, not
  // passed. CI always sets DATABASE_URL; locally, e.g. DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/towns_test
  describe.skip('the API on PostgreSQL (needs DATABASE_URL)', () => {
    it('applies, reads back, refuses and audits through HTTP on PostgreSQL', () => undefined);
  });
}
