import request from 'supertest';
import type { App } from 'supertest/types';
import { mashanApplication } from '../helpers/http-officials';
import { startRunningSystem, type RunningSystem } from '../helpers/running-system';

const application = mashanApplication;

const deepArray = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;

/** A body no route reads the same way twice: each probe must be refused before any route runs. */
const bodyProbes: readonly {
  readonly label: string;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
}[] = [
  {
    label: 'JSON in latin1',
    contentType: 'application/json; charset=latin1',
    body: '{}',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    label: 'JSON in UTF-16',
    contentType: 'application/json; charset=utf-16',
    body: '{}',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    label: 'an array nested 10,000 levels deep',
    contentType: 'application/json',
    body: deepArray,
    status: 400,
    code: 'JSON_TOO_DEEP',
  },
  {
    label: 'an object nested 5,000 levels deep',
    contentType: 'application/json',
    body: deepObject,
    status: 400,
    code: 'JSON_TOO_DEEP',
  },
  {
    label: 'a gzip body that is not gzip',
    contentType: 'application/json',
    body: 'not gzip at all',
    headers: { 'Content-Encoding': 'gzip' },
    status: 415,
    code: 'CONTENT_ENCODING_UNSUPPORTED',
  },
  {
    label: 'an encoding nobody knows',
    contentType: 'application/json',
    body: '{}',
    headers: { 'Content-Encoding': 'compress' },
    status: 415,
    code: 'CONTENT_ENCODING_UNSUPPORTED',
  },
  {
    label: 'JSON cut short',
    contentType: 'application/json',
    body: '{"a":',
    status: 400,
    code: 'MALFORMED_JSON',
  },
  { label: 'a form', contentType: 'text/plain', body: 'name=x', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  {
    label: 'JSON whose bytes are not UTF-8',
    contentType: 'application/json',
    body: notUtf8('{"reference":"', [0xc3, 0x28], 'bad"}'),
    status: 400,
    code: 'TEXT_NOT_WELL_FORMED',
  },
];

/** JSON text with raw bytes between its two halves, as a client with a broken encoder sends it. */
function notUtf8(before: string, bytes: readonly number[], after: string): Buffer {
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

/** The body as it is: superagent would send a Buffer as the JSON of its bytes. */
const asSent = (body: string | Buffer): string => body as string;

describe('bad input is refused with a problem naming it, on every route, and changes nothing', () => {
  let system: RunningSystem;
  let http: App;
  let county: string;
  let auditor: string;
  let routes: { method: 'get' | 'post'; path: string }[];

  beforeAll(async () => {
    // A query waits up to a minute for the read models here: were a position beyond the log waited for,
    // the answer would be a 503 a minute later, not the 400 the test expects.
    // Every route is probed many times over by one caller: no caller limit may answer in its place.
    const unlimited = { limit: 1_000_000, windowMs: 60_000 };
    system = await startRunningSystem({
      settings: {
        readYourWritesTimeoutMs: 60_000,
        callerRateLimits: { commands: unlimited, heavyReads: unlimited },
      },
    });
    http = system.app.getHttpServer();
    county = await system.auth.tokenFor({ seat: 'county-official', county: 'luxi' });
    auditor = await system.auth.tokenFor({ seat: 'auditor' });
    const doc = await request(http).get('/api/docs-json').expect(200);
    const fill = (template: string) =>
      template
        .replace('{townId}', '7f000000-0000-4000-8000-000000000000')
        .replace('{jobId}', '7f000000-0000-4000-8000-000000000000')
        .replace('{batchId}', '2017')
        .replace('{reward}', 'listing')
        .replace('{year}', '2027')
        .replace('{kind}', 'ratings')
        .replace('{name}', 'report.json');
    routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([template, operations]) =>
        Object.keys(operations).map((method) => ({ method: method as 'get' | 'post', path: fill(template) })),
    );
  });
  afterAll(() => system.stop());

  /** Events officials caused: the programme's own (a batch opening as the test starts) do not count. */
  async function officialsEvents(): Promise<number> {
    return (await system.store.readAll()).filter((event) => event.metadata.actor.seat !== 'system').length;
  }

  it('finds every route in the document', () => {
    expect(routes.filter((route) => route.method === 'post')).toHaveLength(27);
    expect(routes.filter((route) => route.method === 'get').length).toBeGreaterThanOrEqual(16);
  });

  it.each(bodyProbes)('refuses $label on every command route: $status $code', async (probe) => {
    const before = await officialsEvents();
    for (const route of routes.filter((candidate) => candidate.method === 'post')) {
      const response = await request(http)
        .post(route.path)
        .auth(county, { type: 'bearer' })
        .set({ 'Content-Type': probe.contentType, ...probe.headers })
        .serialize(asSent)
        .send(probe.body);
      expect({ path: route.path, status: response.status, code: response.body.code as unknown }).toEqual({
        path: route.path,
        status: probe.status,
        code: probe.code,
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await officialsEvents()).toBe(before);
  });

  it('never reads the body of a query: a bad one changes nothing about the answer', async () => {
    for (const route of routes.filter((candidate) => candidate.method === 'get')) {
      const plain = await request(http).get(route.path).auth(auditor, { type: 'bearer' });
      for (const probe of bodyProbes) {
        const withBody = await request(http)
          .get(route.path)
          .auth(auditor, { type: 'bearer' })
          .set({ 'Content-Type': probe.contentType, ...probe.headers })
          .serialize(asSent)
          .send(probe.body);
        expect({ path: route.path, probe: probe.label, status: withBody.status }).toEqual({
          path: route.path,
          probe: probe.label,
          status: plain.status,
        });
      }
    }
  });

  it.each([
    ['a NUL character', 'a\\u0000b', 'TEXT_CONTROL_CHARACTER'],
    ['a lone surrogate', '\\ud800', 'TEXT_NOT_WELL_FORMED'],
    ['a bell', 'town\\u0007', 'TEXT_CONTROL_CHARACTER'],
    ['a decomposed accent (not NFC)', 'cafe\\u0301', 'TEXT_NOT_NFC'],
  ])('refuses a town name with %s, naming the field, and writes nothing', async (_label, escaped, code) => {
    const before = await officialsEvents();
    const body = JSON.stringify(application).replace('麻山汽车风情小镇', escaped);
    const response = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    // One field wrong in one way: that way's code is the answer's.
    expect(response.body).toMatchObject({ code, errors: [{ field: 'name', code }] });
    expect(await officialsEvents()).toBe(before);
  });

  it.each([
    ['bytes that are no character', [0xff, 0xfe]],
    ['a sequence cut short', [0xe8, 0x8a]],
    ['a surrogate encoded as if it were a character', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])('refuses an application whose name has %s, and records nothing', async (_label, bytes) => {
    const before = (await system.store.readAll()).length;
    const [head, tail] = JSON.stringify(application).split('麻山汽车风情小镇');
    const response = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .serialize(asSent)
      .send(notUtf8(head ?? '', bytes, tail ?? ''))
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'TEXT_NOT_WELL_FORMED',
      errors: [{ field: 'body', code: 'TEXT_NOT_WELL_FORMED' }],
    });
    expect((await system.store.readAll()).length).toBe(before);
  });

  it('holds every text to the same rule: nested values, property names, queries and paths', async () => {
    const town = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .send(application)
      .expect(201);
    const townId = town.body.townId as string;
    const plan = await request(http)
      .post(`/api/towns/${townId}/plan`)
      .auth(county, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send('{"documents":{"special-plan":"doc://a\\u0000","work-plan\\ud800":"doc://b"}}')
      .expect(400);
    expect(plan.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'documents.special-plan', code: 'TEXT_CONTROL_CHARACTER' }),
        expect.objectContaining({ field: 'documents', code: 'TEXT_NOT_WELL_FORMED' }),
      ]),
    );
    const query = await request(http)
      .get('/api/towns?county=%E8%8A%A6%00')
      .auth(auditor, { type: 'bearer' })
      .expect(400);
    expect(query.body.errors).toEqual([
      expect.objectContaining({ field: 'county', code: 'TEXT_CONTROL_CHARACTER' }),
    ]);
    const path = await request(http)
      .get('/api/batches/20%0017')
      .auth(auditor, { type: 'bearer' })
      .expect(400);
    expect(path.body.errors).toEqual([
      expect.objectContaining({ field: 'batchId', code: 'TEXT_CONTROL_CHARACTER' }),
    ]);
  });

  it.each([
    ['a query value', 'get', '/api/towns?county=%FF', ['county']],
    ['a query value cut short', 'get', '/api/towns?page=1&batch=%E8%8A', ['batch']],
    ['a batch in the path', 'get', '/api/batches/%FF', ['batchId']],
    ['a town in the path', 'get', '/api/towns/%FF/history', ['townId']],
    ['a town in the path of a step', 'post', '/api/towns/%C3%28/plan', ['townId']],
    ['a path and a query at once', 'get', '/api/batches/%C3%28?county=%FE', ['batchId', 'county']],
    ['a path nothing is served at', 'get', '/api/nowhere/%FF', ['path']],
  ] as const)(
    'refuses %s that is not percent-encoded UTF-8, naming it, and records nothing',
    async (_label, method, path, fields) => {
      const before = (await system.store.readAll()).length;
      const response = await request(http)[method](path).auth(auditor, { type: 'bearer' }).expect(400);
      expect(response.body).toMatchObject({
        code: 'TEXT_NOT_WELL_FORMED',
        errors: fields.map((field) => ({ field, code: 'TEXT_NOT_WELL_FORMED' })),
      });
      expect(response.body.errors).toHaveLength(fields.length);
      expect((await system.store.readAll()).length).toBe(before);
    },
  );

  it.each([
    [
      'VALIDATION_FAILED',
      'two fields wrong in two ways',
      (token: string) =>
        request(http)
          .post('/api/towns')
          .auth(token, { type: 'bearer' })
          .send({ ...application, kind: 7, budget: 1 }),
    ],
    ['NOT_FOUND', 'a path nothing is served at', () => request(http).get('/api/nowhere')],
  ])('answers %s (%s) in both languages, its detail in the one asked for', async (code, _label, send) => {
    const english = await send(county).set('Accept-Language', 'en-GB,en;q=0.9');
    const chinese = await send(county).set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.5');
    expect(english.body).toMatchObject({ code, detail: english.body.messageEn });
    expect(english.headers['content-language']).toBe('en');
    expect(chinese.body).toMatchObject({
      code,
      detail: chinese.body.messageZh,
      messageEn: english.body.messageEn,
      messageZh: english.body.messageZh,
    });
    expect(chinese.body.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(chinese.headers['content-language']).toBe('zh');
    // Each field's problem too: both messages, and `message` in the language asked for.
    const fields = (body: { errors?: { message: string; messageEn: string; messageZh: string }[] }) =>
      body.errors ?? [];
    expect(fields(english.body)).toEqual(
      fields(chinese.body).map((error) => ({ ...error, message: error.messageEn })),
    );
    for (const error of fields(chinese.body)) {
      expect(error.message).toBe(error.messageZh);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.messageEn).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("names every wrong field of an application in one answer, the pack's codes among them", async () => {
    const before = (await system.store.readAll()).length;
    const response = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .send({ name: 'x', county: '萍乡', kind: 'administrative-town', industry: 'mining', batchId: '2099' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'county', code: 'COUNTY_UNKNOWN' }),
      expect.objectContaining({ field: 'industry', code: 'INDUSTRY_UNKNOWN' }),
      expect.objectContaining({ field: 'batchId', code: 'BATCH_UNKNOWN' }),
    ]);
    const mixed = await request(http)
      .post('/api/towns')
      .auth(county, { type: 'bearer' })
      .send({ name: 7, county: '萍乡', kind: 'administrative-town', budget: 1 })
      .expect(400);
    expect(mixed.body.errors).toEqual([
      expect.objectContaining({ field: 'budget', code: 'UNKNOWN_FIELD' }),
      expect.objectContaining({ field: 'name', code: 'INVALID_IS_STRING' }),
      expect.objectContaining({ field: 'industry', code: 'REQUIRED' }),
      expect.objectContaining({ field: 'batchId', code: 'REQUIRED' }),
      expect.objectContaining({ field: 'county', code: 'COUNTY_UNKNOWN' }),
    ]);
    expect((await system.store.readAll()).length).toBe(before);
  });

  it('requires the area and the document of land support, as the document says, naming both', async () => {
    const town = await request(http)
      .post('/api/towns')
      .auth(await system.auth.tokenFor({ seat: 'county-official', county: 'shangli' }), { type: 'bearer' })
      .send({ ...application, county: 'shangli', name: '上栗花炮小镇' })
      .expect(201);
    const land = await system.auth.tokenFor({ seat: 'land-resources-bureau' });
    const before = (await system.store.readAll()).length;
    const response = await request(http)
      .post(`/api/towns/${town.body.townId as string}/reviews/2028/land-support`)
      .auth(land, { type: 'bearer' })
      .send({})
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'REQUIRED',
      errors: [
        { field: 'areaMu', code: 'REQUIRED' },
        { field: 'reference', code: 'REQUIRED' },
      ],
    });
    const blank = await request(http)
      .post(`/api/towns/${town.body.townId as string}/reviews/2028/land-support`)
      .auth(land, { type: 'bearer' })
      .send({ areaMu: 120, reference: ' ' })
      .expect(400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'reference', code: 'REQUIRED' })]);
    expect((await system.store.readAll()).length).toBe(before);
  });

  it('names a wrong path, a wrong header and a wrong body in one answer (decision 0145)', async () => {
    const before = (await system.store.readAll()).length;
    const everything = await request(http)
      .post('/api/towns/not-a-town/reviews/1999/statistics')
      .auth(county, { type: 'bearer' })
      .set('Idempotency-Key', 'has spaces in it')
      .send({ statistics: 'many', budget: 1 })
      .expect(400);
    expect(everything.body.code).toBe('VALIDATION_FAILED');
    expect(everything.body.errors).toEqual([
      expect.objectContaining({ field: 'header:Idempotency-Key', code: 'INVALID_IDEMPOTENCY_KEY' }),
      expect.objectContaining({ field: 'townId', code: 'INVALID_UUID' }),
      expect.objectContaining({ field: 'year', code: 'INVALID_YEAR', message: 'year must be 2000–2200' }),
      expect.objectContaining({ field: 'budget', code: 'UNKNOWN_FIELD' }),
      expect.objectContaining({ field: 'statistics' }),
    ]);

    // A reward the pack does not know is named before the town is looked up, with the body's field.
    const finance = await system.auth.tokenFor({ seat: 'finance-bureau' });
    const reward = await request(http)
      .post('/api/towns/7f000000-0000-4000-8000-000000000000/rewards/a-bonus/payment')
      .auth(finance, { type: 'bearer' })
      .send({})
      .expect(400);
    expect(reward.body.errors).toEqual([
      expect.objectContaining({ field: 'reward', code: 'UNKNOWN_CODE' }),
      expect.objectContaining({ field: 'paymentRef', code: 'REQUIRED' }),
    ]);

    // A read: the path and the query together.
    const read = await request(http)
      .get('/api/audit/towns/not-a-town/state')
      .query({ basis: 'whenever' })
      .auth(auditor, { type: 'bearer' })
      .expect(400);
    expect(read.body.errors).toEqual([
      expect.objectContaining({ field: 'townId', code: 'INVALID_UUID' }),
      expect.objectContaining({ field: 'at', code: 'REQUIRED' }),
      expect.objectContaining({ field: 'basis', code: 'INVALID_IS_IN' }),
    ]);

    // A well-formed path that names no town is a 404, whatever the body.
    const body = await request(http)
      .post('/api/towns/7f000000-0000-4000-8000-000000000000/rewards/listing/payment')
      .auth(finance, { type: 'bearer' })
      .send({})
      .expect(404);
    expect(body.body.code).toBe('TOWN_NOT_FOUND');
    expect((await system.store.readAll()).length).toBe(before);
  });

  it('refuses an X-Min-Position beyond the log at once, instead of waiting for it', async () => {
    const [last] = (await system.store.readAll()).slice(-1);
    const beyond = String((last?.globalPosition ?? 0n) + 1_000n);
    const response = await request(http)
      .get('/api/towns')
      .auth(auditor, { type: 'bearer' })
      .set('X-Min-Position', beyond)
      .expect(400);
    expect(response.body.code).toBe('POSITION_NOT_IN_LOG');
    expect(response.body.errors).toEqual([
      expect.objectContaining({ field: 'header:X-Min-Position', code: 'POSITION_NOT_IN_LOG' }),
    ]);
    await request(http)
      .get('/api/towns')
      .auth(auditor, { type: 'bearer' })
      .set('X-Min-Position', String(last?.globalPosition ?? 0n))
      .expect(200);
  });
});
