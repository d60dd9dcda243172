import request from 'supertest';
import type { App } from 'supertest/types';
import { createApi } from '../../apps/api/create-api';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';

interface Listed {
  readonly name: string;
  readonly county: string;
}

/** The list's items, typed for the assertions (the body itself is untyped JSON). */
const itemsOf = (response: request.Response): Listed[] => response.body.items as Listed[];

const application = (
  name: string,
  county: string,
  industry = 'leisure-tourism',
  kind = 'administrative-town',
) => ({
  name,
  county,
  kind,
  industry,
  batchId: '2017',
});

describe('queries served from the read models', () => {
  let system: RunningSystem;
  let http: App;
  let luxi: string;
  let shangli: string;
  let office: string;
  const towns: Record<string, string> = {};

  beforeAll(async () => {
    system = await startRunningSystem();
    http = system.app.getHttpServer();
    luxi = await system.auth.tokenFor({ userId: 'luxi-1', seat: 'county-official', county: 'luxi' });
    shangli = await system.auth.tokenFor({ userId: 'shangli-1', seat: 'county-official', county: 'shangli' });
    office = await system.auth.tokenFor({ userId: 'office-1', seat: 'joint-meeting-office' });
  });
  afterAll(() => system.stop());

  it('shows a county official their own application at once (reads wait for their writes)', async () => {
    const applied = await request(http)
      .post('/api/towns')
      .auth(luxi, { type: 'bearer' })
      .send(application('麻山汽车风情小镇', '芦溪县'))
      .expect(201);
    const townId = applied.body.townId as string;
    towns.masan = townId;
    // No waiting in the test: the query itself waits until the projection has the write.
    const detail = await request(http).get(`/api/towns/${townId}`).auth(luxi, { type: 'bearer' }).expect(200);
    expect(detail.body).toMatchObject({
      townId,
      name: '麻山汽车风情小镇',
      county: 'luxi',
      countyNameZh: '芦溪县',
      kind: 'administrative-town',
      industry: 'leisure-tourism',
      batchId: '2017',
      status: 'applied',
      listedAt: null,
      latestRating: null,
      rewards: { committedYuan: 0, paidYuan: 0, forfeitedYuan: 0, dueYuan: 0 },
      deadlines: [],
      history: {
        eventCount: 1,
        lastPosition: applied.body.positions[0],
        url: `/api/towns/${townId}/history`,
      },
      policy: { id: system.policy.id, version: system.policy.version },
      // Nothing is left for the county to do until the list is published.
      allowedSteps: [],
    });
    expect(BigInt(detail.body.asOfPosition)).toBeGreaterThanOrEqual(BigInt(applied.body.positions[0]));
    expect(detail.body.history.recentSteps).toEqual([
      expect.objectContaining({
        type: 'TownApplied',
        actor: { userId: 'luxi-1', seat: 'county-official', county: 'luxi' },
      }),
    ]);
  });

  it('tells each seat what it may do next with the town', async () => {
    const secretary = await system.auth.tokenFor({ seat: 'joint-meeting-secretary' });
    const detail = await request(http)
      .get(`/api/towns/${towns.masan}`)
      .auth(secretary, { type: 'bearer' })
      .expect(200);
    expect(detail.body.allowedSteps).toEqual(['RecordSelection']);
    const forOffice = await request(http)
      .get(`/api/towns/${towns.masan}`)
      .auth(office, { type: 'bearer' })
      .expect(200);
    expect(forOffice.body.allowedSteps).toEqual([]);
  });

  it('filters, sorts and pages the list; a county official sees only their county', async () => {
    const more = [
      [luxi, application('安源创客平台', 'luxi', 'cultural-creativity', 'innovation-platform')],
      [shangli, application('上栗花炮小镇', '上栗县', 'fireworks')],
    ] as const;
    let last = '0';
    for (const [token, body] of more) {
      const applied = await request(http)
        .post('/api/towns')
        .auth(token, { type: 'bearer' })
        .send(body)
        .expect(201);
      last = applied.body.positions[0] as string;
    }
    const list = (query: string, token = office) =>
      request(http)
        .get(`/api/towns${query}`)
        .auth(token, { type: 'bearer' })
        .set('X-Min-Position', last)
        .expect(200);

    const all = await list('?sort=appliedAt');
    expect(all.body).toMatchObject({ page: 1, pageSize: 20, total: 3, sort: 'appliedAt' });
    expect(itemsOf(all).map((town) => town.name)).toEqual([
      '麻山汽车风情小镇',
      '安源创客平台',
      '上栗花炮小镇',
    ]);
    expect(itemsOf(await list('?county=芦溪县&sort=-appliedAt')).map((town) => town.name)).toEqual([
      '安源创客平台',
      '麻山汽车风情小镇',
    ]);
    expect((await list('?kind=innovation-platform')).body.total).toBe(1);
    expect((await list('?status=applied&batch=2017')).body.total).toBe(3);
    expect((await list('?status=cultivating')).body.total).toBe(0);
    expect((await list('?rating=excellent&year=2018')).body.total).toBe(0);
    const second = await list('?sort=appliedAt&pageSize=1&page=2');
    expect(second.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(itemsOf(second).map((town) => town.name)).toEqual(['安源创客平台']);
    const own = await list('', shangli);
    expect(itemsOf(own).map((town) => town.county)).toEqual(['shangli']);
  });

  it.each([
    ['?pageSize=101', 'pageSize'],
    ['?page=0', 'page'],
    ['?sort=budget', 'sort'],
    ['?status=flourishing', 'status'],
    ['?county=南昌县', 'county'],
    ['?batch=1999', 'batch'],
    ['?rating=superb', 'rating'],
    ['?year=abc', 'year'],
    ['?colour=red', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await request(http)
      .get(`/api/towns${query}`)
      .auth(office, { type: 'bearer' })
      .expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers 404 for an unknown town', async () => {
    const response = await request(http)
      .get('/api/towns/7f000000-0000-4000-8000-000000000000')
      .auth(office, { type: 'bearer' })
      .expect(404);
    expect(response.body.code).toBe('TOWN_NOT_FOUND');
  });

  it('sums the programme for everyone', async () => {
    const overview = await request(http)
      .get('/api/programme/overview')
      .auth(shangli, { type: 'bearer' })
      .expect(200);
    expect(overview.body).toMatchObject({
      programme: system.policy.id,
      towns: 3,
      townsByStatus: { applied: 3, cultivating: 0 },
      funds: { committedYuan: 0, paidYuan: 0 },
      ratingsByYear: [],
    });
    // §I.2 limits the towns listed: applications waiting for the list take no place.
    expect(overview.body.quotas).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ county: 'luxi', applied: 2, used: 0 }),
        expect.objectContaining({ county: 'shangli', applied: 1, used: 0 }),
      ]),
    );
    expect(overview.body.provincial).toEqual({
      recommended: 0,
      listedByProvince: 0,
      notListedByProvince: 0,
      awaitingAnswer: 0,
      target: { minTowns: 3, maxTowns: 5 },
      targetMet: false,
    });
  });

  it('lists upcoming deadlines within a window', async () => {
    const deadlines = await request(http)
      .get('/api/deadlines?within=30d')
      .auth(office, { type: 'bearer' })
      .expect(200);
    expect(Date.parse(deadlines.body.until) - Date.parse(deadlines.body.from)).toBe(30 * 24 * 3_600_000);
    // Applied towns have no deadlines of their own yet; batches and the programme are not started here.
    expect(deadlines.body.items).toEqual([]);
    const bad = await request(http)
      .get('/api/deadlines?within=1y')
      .auth(office, { type: 'bearer' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('within');
    await request(http).get('/api/deadlines?within=400d').auth(office, { type: 'bearer' }).expect(400);
  });

  it('answers 503 with Retry-After when the read models cannot reach the position asked for in time', async () => {
    // An API whose projector never hears from the store: the log has the position, the read models never will.
    const stalled: EventStore['subscribeToAll'] = () => ({
      stop: async () => {},
      done: new Promise(() => {}),
    });
    const store = new Proxy(system.store, {
      get: (target, property, receiver) =>
        property === 'subscribeToAll' ? stalled : (Reflect.get(target, property, receiver) as unknown),
    });
    const behind = await createApi(
      {
        client: system.client,
        store,
        verifier: system.auth.verifier,
        settings: {
          taskQueue: system.taskQueue,
          policy: system.policy,
          programmeId: system.programmeId,
          readYourWritesTimeoutMs: 200,
        },
      },
      { logger: false, requestLog: false },
    );
    await behind.init();
    try {
      const [last] = (await system.store.readAll()).slice(-1);
      const response = await request(behind.getHttpServer() as App)
        .get('/api/towns')
        .auth(office, { type: 'bearer' })
        .set('X-Min-Position', String(last?.globalPosition ?? 1n))
        .expect(503);
      expect(response.body.code).toBe('READ_MODEL_BEHIND');
      expect(response.headers['retry-after']).toBe('1');
    } finally {
      await behind.close();
    }
  });
});
