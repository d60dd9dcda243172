import request from 'supertest';
import type { App } from 'supertest/types';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';
import { townDecider } from '../../domain/town';

const application = {
  name: '武功山温泉小镇',
  county: '芦溪县',
  kind: 'administrative-town',
  industry: 'leisure-tourism',
  batchId: '2017',
};

describe('Idempotency-Key on commands', () => {
  let system: RunningSystem;
  let http: App;
  let luxi: string;
  // Applications go through the batch, which holds each county to its quota (two towns): the tests
  // below spread over counties so that the quota never answers in their place.
  const official = (county: string, userId = `${county}-1`) =>
    system.auth.tokenFor({ userId, seat: 'county-official', county });
  const inCounty = (county: string) => ({ ...application, county });

  beforeAll(async () => {
    system = await startRunningSystem();
    http = system.app.getHttpServer();
    luxi = await official('luxi');
  });
  afterAll(() => system.stop());

  const apply = (app: App, key: string, body: object = application, token = luxi) =>
    request(app).post('/api/towns').auth(token, { type: 'bearer' }).set('Idempotency-Key', key).send(body);

  it('replays the first answer for a retry with the same key and body, recording nothing twice', async () => {
    const first = await apply(http, 'apply-wugong-1').expect(201);
    const before = await system.store.readAll();
    const retry = await apply(http, 'apply-wugong-1').expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['location']).toBe(first.headers['location']);
    expect(await system.store.readAll()).toHaveLength(before.length);
    expect(await system.store.readStream(townDecider.streamOf(first.body.townId))).toHaveLength(1);
  });

  it('refuses the same key with another body (422), and writes nothing', async () => {
    await apply(http, 'apply-wugong-2').expect(201);
    const before = await system.store.readAll();
    const reused = await apply(http, 'apply-wugong-2', { ...application, name: '另一个小镇' }).expect(422);
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await system.store.readAll()).toHaveLength(before.length);
  });

  it('keeps one key space per caller', async () => {
    const me = await official('shangli');
    const other = await official('shangli', 'shangli-2');
    const mine = await apply(http, 'shared-key', inCounty('shangli'), me).expect(201);
    const theirs = await apply(http, 'shared-key', inCounty('shangli'), other).expect(201);
    expect(theirs.body.townId).not.toBe(mine.body.townId);
  });

  it('does not keep a refusal: the key may be retried once the request is right', async () => {
    const lianhua = await official('lianhua');
    const refused = await apply(
      http,
      'apply-fixed-later',
      { ...inCounty('lianhua'), batchId: '1999' },
      lianhua,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('BATCH_UNKNOWN');
    await apply(http, 'apply-fixed-later', inCounty('lianhua'), lianhua).expect(201);
  });

  it('keeps nothing for a step the lifecycle refused: another request with the key is decided afresh', async () => {
    const anyuan = await official('anyuan');
    const notOpenYet = { ...inCounty('anyuan'), batchId: '2018' };
    const refused = await apply(http, 'apply-too-early', notOpenYet, anyuan).expect(409);
    // Not 422: the refusal recorded nothing, so the key names no step yet; this one is refused on its own.
    const again = await apply(http, 'apply-too-early', { ...notOpenYet, name: '另一个小镇' }, anyuan).expect(
      409,
    );
    expect(again.body.code).toBe(refused.body.code);
    await apply(http, 'apply-too-early', inCounty('anyuan'), anyuan).expect(201);
    // Once a step is recorded under it, the key is that step's.
    const reused = await apply(
      http,
      'apply-too-early',
      { ...inCounty('anyuan'), name: '又一个小镇' },
      anyuan,
    );
    expect({ status: reused.status, code: reused.body.code as unknown }).toEqual({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  it('records nothing twice even after a restart has lost the records: the workflow answers the command', async () => {
    const xiangdong = await official('xiangdong');
    const body = inCounty('xiangdong');
    const first = await apply(http, 'apply-across-restart', body, xiangdong).expect(201);
    const before = await system.store.readAll();
    const restarted = (await system.startAnotherApi()).getHttpServer() as App;
    const retry = await apply(restarted, 'apply-across-restart', body, xiangdong).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(await system.store.readAll()).toHaveLength(before.length);
    // The restarted API now remembers the key itself…
    await apply(restarted, 'apply-across-restart', { ...body, name: '改名小镇' }, xiangdong).expect(422);
    // …and yet another fresh one, asked with another body, reaches the batch, which knows the command
    // and the request it came with: the same 422, nothing written.
    const fresh = (await system.startAnotherApi()).getHttpServer() as App;
    const changed = await apply(
      fresh,
      'apply-across-restart',
      { ...body, name: '改名小镇' },
      xiangdong,
    ).expect(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await system.store.readAll()).toHaveLength(before.length);
  });
});
