import request from 'supertest';
import { startHttpWorld, type HttpWorld } from '../helpers/http-world';

/** One sample's value from Prometheus's text format; undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * `/metrics` after an official's steps, as Prometheus scrapes it: no token, never throttled, outside the
 * API's document, with the HTTP answers, the command outcomes by code, the appends the worker made and
 * the read models' lag.
 */
describe('GET /metrics', () => {
  let world: HttpWorld;
  let scraped: string;

  beforeAll(async () => {
    world = await startHttpWorld();
    await world.at('2027-03-02T09:00:00');
    await world.batchOpened('2017');
    const luxi = await world.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    const application = {
      name: '麻山汽车风情小镇',
      county: 'luxi',
      kind: 'administrative-town',
      industry: 'leisure-tourism',
      batchId: '2017',
    };
    await request(world.http).post('/api/towns').auth(luxi, { type: 'bearer' }).send(application).expect(201);
    const refused = await request(world.http)
      .post('/api/towns')
      .auth(luxi, { type: 'bearer' })
      .send({ ...application, county: 'shangli' })
      .expect(403);
    expect(refused.body.code).toBe('ACTOR_COUNTY_MISMATCH');
    const answer = await request(world.http).get('/metrics').expect(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    scraped = answer.text;
  });

  afterAll(async () => {
    await world?.close();
  });

  it('times each answer by its route template and status', () => {
    expect(
      sample(
        scraped,
        'towns_http_request_duration_seconds_count{method="POST",route="/api/towns",status="201"}',
      ),
    ).toBe(1);
  });

  it('counts the commands by outcome and problem code', () => {
    expect(
      sample(scraped, 'towns_command_outcomes_total{route="/api/towns",outcome="recorded",code=""}'),
    ).toBe(1);
    expect(
      sample(
        scraped,
        'towns_command_outcomes_total{route="/api/towns",outcome="refused",code="ACTOR_COUNTY_MISMATCH"}',
      ),
    ).toBe(1);
  });

  it("times the worker's appends, and says how far the read models are behind the log", () => {
    expect(
      sample(scraped, 'towns_event_store_append_duration_seconds_count{outcome="appended"}'),
    ).toBeGreaterThan(0);
    expect(sample(scraped, 'towns_event_store_append_conflicts_total')).toBe(0);
    expect(sample(scraped, 'towns_read_model_lag_positions')).toBeGreaterThanOrEqual(0);
    expect(sample(scraped, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('is never throttled, takes GET only and is not in the API document', async () => {
    // More scrapes than the public limit (120 a minute) allows the documents.
    for (let scrape = 0; scrape < 130; scrape += 1) await request(world.http).get('/metrics').expect(200);
    await request(world.http).post('/metrics').expect(405);
    const document = await request(world.http).get('/api/docs-json').expect(200);
    expect(Object.keys(document.body.paths as object).filter((path) => path.includes('metrics'))).toEqual([]);
  });
});
