import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { humanSeats, type HumanSeat } from '../../domain/shared/seats';
import {
  conditionsConfirmed,
  defenceScores,
  httpOfficials,
  planDocuments,
  yearlyStatistics,
} from '../helpers/http-officials';
import { startHttpWorld, type HttpWorld } from '../helpers/http-world';

/**
 * Every route × every seat × own / other county (for the inspector: own / other member unit), through
 * HTTP, against the table below — written by hand, not computed from the tables the code reads.
 *
 * The programme is driven first so that every answer has something to leak: a town in Luxi (the county
 * official's own county) and one in Shangli, both listed, planned, rated excellent in 2027 and
 * recommended to the province, and a completed re-decision job with its report.
 *
 * Cells:
 * - `ok`: 200 for both towns.
 * - `ok|county`: 200 for the own county's town, 403 ACTOR_COUNTY_MISMATCH for the other's.
 * - `both`: 200, and the answer shows both counties' towns.
 * - `own`: 200, and the answer shows the own county's town and nothing of the other's (its id appears
 *   nowhere in the body).
 * - `mine`: 200, and nothing of the other county's town in the answer (what the own county's town shows
 *   depends on the seat's work at the moment: my work).
 * - `past`: let past the edge (neither 401 nor 403). Only for the list of audit jobs, which asks
 *   Temporal's visibility: the time-skipping server has none and answers 503 (the auditors' own e2e test
 *   reads the list on the dev server).
 * - `read`: 403 READ_NOT_ALLOWED. `role`: 403 ROLE_NOT_ALLOWED.
 * - `cmd`: the edge lets the command through (it reaches validation: 400 naming the probe field).
 * - `cmd|county`, `cmd|unit`: through for the own county or unit; 403 ACTOR_COUNTY_MISMATCH or
 *   ACTOR_UNIT_MISMATCH for the other.
 */
type Cell =
  'ok' | 'ok|county' | 'both' | 'own' | 'mine' | 'past' | 'read' | 'role' | 'cmd' | 'cmd|county' | 'cmd|unit';

/**
 * The matrix's columns, in the domain's order of seats (county official first, administrator last);
 * every row is checked to have one cell per seat, so a seat added or dropped there shows here.
 */
const seatsInOrder = humanSeats;

/** Where the route's own/other variant points: a town, a county, a member unit. */
interface Target {
  readonly townId: string;
  readonly county: string;
  readonly countyZh: string;
  readonly unit: string;
}

interface Route {
  readonly method: 'get' | 'post';
  /** The path for a target (own or other). */
  readonly path: (target: Target, fixture: Fixture) => string;
  /** For commands: the body, with a field no route accepts so an admitted request stops at validation. */
  readonly body?: (target: Target) => object;
  /** For `both`/`own` cells: the text that shows the target's data is in the answer. */
  readonly marker?: (target: Target) => string;
}

interface Fixture {
  readonly jobId: string;
}

const probe = { accessMatrixProbe: true };
const town =
  (suffix: string): Route['path'] =>
  (target) =>
    `/api/towns/${target.townId}${suffix}`;
const command = (path: Route['path'], body: Route['body'] = () => probe): Route => ({
  method: 'post',
  path,
  body,
});
const byTownId: Route['marker'] = (target) => target.townId;

const routes: Readonly<Record<string, Route>> = {
  'GET /api/towns': { method: 'get', path: () => '/api/towns', marker: byTownId },
  'GET /api/towns?county=': {
    method: 'get',
    path: (target) => `/api/towns?county=${target.county}`,
    marker: byTownId,
  },
  'GET /api/towns/{townId}': { method: 'get', path: town('') },
  'GET /api/towns/{townId}/history': { method: 'get', path: town('/history') },
  'GET /api/towns/{townId}/progress': { method: 'get', path: town('/progress') },
  'GET /api/my-work': { method: 'get', path: () => '/api/my-work' },
  'GET /api/policy': { method: 'get', path: () => '/api/policy' },
  'GET /api/batches/{batchId}': { method: 'get', path: () => '/api/batches/2017', marker: byTownId },
  'GET /api/programme': { method: 'get', path: () => '/api/programme', marker: byTownId },
  'GET /api/programme/funds': {
    method: 'get',
    path: () => '/api/programme/funds',
    marker: (target) => `"county":"${target.county}"`,
  },
  'GET /api/programme/overview': {
    method: 'get',
    path: () => '/api/programme/overview',
    marker: (target) => `"county":"${target.county}"`,
  },
  'GET /api/deadlines': { method: 'get', path: () => '/api/deadlines?within=366d', marker: byTownId },
  'GET /api/audit/towns/{townId}/history': {
    method: 'get',
    path: (target) => `/api/audit/towns/${target.townId}/history`,
  },
  'GET /api/audit/towns/{townId}/state': {
    method: 'get',
    path: (target) => `/api/audit/towns/${target.townId}/state?at=2028-01-31`,
  },
  'GET /api/audit/programme/state': {
    method: 'get',
    path: () => '/api/audit/programme/state?at=2028-01-31',
    marker: byTownId,
  },
  'GET /api/audit/decisions/{kind}': {
    method: 'get',
    path: () => '/api/audit/decisions/ratings',
    marker: byTownId,
  },
  'GET /api/audit/jobs': { method: 'get', path: () => '/api/audit/jobs' },
  'GET /api/audit/jobs/{jobId}': { method: 'get', path: (_, { jobId }) => `/api/audit/jobs/${jobId}` },
  'GET /api/audit/jobs/{jobId}/files/{name}': {
    method: 'get',
    path: (_, { jobId }) => `/api/audit/jobs/${jobId}/files/report.json`,
  },
  'POST /api/audit/jobs': command(
    () => '/api/audit/jobs',
    () => ({ kind: 'verify', ...probe }),
  ),
  'POST /api/towns': command(
    () => '/api/towns',
    (target) => ({ county: target.countyZh, ...probe }),
  ),
  'POST /api/towns/{townId}/rewards/{reward}/payment': command(town('/rewards/listing/payment')),
  'POST /api/towns/{townId}/plan': command(town('/plan')),
  'POST /api/towns/{townId}/plan/approval': command(town('/plan/approval')),
  'POST /api/towns/{townId}/plan/return': command(town('/plan/return')),
  'POST /api/towns/{townId}/plan/extension': command(town('/plan/extension')),
  'POST /api/towns/{townId}/reviews/{year}/statistics': command(town('/reviews/2028/statistics')),
  'POST /api/towns/{townId}/reviews/{year}/statistics-extension': command(
    town('/reviews/2028/statistics-extension'),
  ),
  'POST /api/towns/{townId}/reviews/{year}/rating': command(town('/reviews/2028/rating')),
  'POST /api/towns/{townId}/reviews/{year}/land-support': command(town('/reviews/2028/land-support')),
  'POST /api/towns/{townId}/observation-recheck': command(town('/observation-recheck')),
  'POST /api/towns/{townId}/progress-check': command(town('/progress-check')),
  'POST /api/towns/{townId}/provincial-recommendation': command(town('/provincial-recommendation')),
  'POST /api/towns/{townId}/provincial-decision': command(town('/provincial-decision')),
  'POST /api/towns/{townId}/projects': command(town('/projects')),
  'POST /api/towns/{townId}/projects/{projectId}/approvals': command(town('/projects/P-1/approvals')),
  'POST /api/towns/{townId}/projects/{projectId}/key-schedule': command(town('/projects/P-1/key-schedule')),
  'POST /api/towns/{townId}/projects/{projectId}/progress': command(town('/projects/P-1/progress')),
  'POST /api/towns/{townId}/funding': command(town('/funding')),
  'POST /api/towns/{townId}/acceptance/inspections': command(town('/acceptance/inspections'), (target) => ({
    unit: target.unit,
    ...probe,
  })),
  'POST /api/towns/{townId}/acceptance/opinion': command(town('/acceptance/opinion')),
  'POST /api/towns/{townId}/acceptance/deliberation': command(town('/acceptance/deliberation')),
  'POST /api/batches/{batchId}/defence-scores': command(() => '/api/batches/2017/defence-scores'),
  'POST /api/batches/{batchId}/list-decision': command(() => '/api/batches/2017/list-decision'),
  'POST /api/batches/{batchId}/publication': command(() => '/api/batches/2017/publication'),
  'POST /api/programme/closure': command(() => '/api/programme/closure'),
};

/* prettier-ignore */
const expected: Readonly<Record<keyof typeof routes, readonly Cell[]>> = {
  //                                                          county        office  secretary finance land    inspector   auditor admin
  'GET /api/towns':                                         ['own',        'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/towns?county=':                                 ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/towns/{townId}':                                ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/towns/{townId}/history':                        ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/towns/{townId}/progress':                       ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/my-work':                                       ['mine',       'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/policy':                                        ['ok',         'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/batches/{batchId}':                             ['own',        'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/programme':                                     ['own',        'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/programme/overview':                            ['both',       'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/programme/funds':                               ['both',       'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/deadlines':                                     ['own',        'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/audit/towns/{townId}/history':                  ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/audit/towns/{townId}/state':                    ['ok|county',  'ok',   'ok',     'ok',   'ok',   'ok',       'ok',   'ok'],
  'GET /api/audit/programme/state':                         ['read',       'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/audit/decisions/{kind}':                        ['read',       'both', 'both',   'both', 'both', 'both',     'both', 'both'],
  'GET /api/audit/jobs':                                    ['read',       'read', 'read',   'read', 'read', 'read',     'past', 'read'],
  'GET /api/audit/jobs/{jobId}':                            ['read',       'read', 'read',   'read', 'read', 'read',     'ok',   'read'],
  'GET /api/audit/jobs/{jobId}/files/{name}':               ['read',       'read', 'read',   'read', 'read', 'read',     'ok',   'read'],
  'POST /api/audit/jobs':                                   ['read',       'read', 'read',   'read', 'read', 'read',     'cmd',  'read'],
  'POST /api/towns':                                        ['cmd|county', 'role', 'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/rewards/{reward}/payment':      ['role',       'role', 'role',   'cmd',  'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/plan':                          ['cmd|county', 'role', 'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/plan/approval':                 ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/plan/return':                   ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/plan/extension':                ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/reviews/{year}/statistics':     ['cmd|county', 'role', 'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/reviews/{year}/statistics-extension': ['role', 'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/reviews/{year}/rating':         ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/reviews/{year}/land-support':   ['role',       'role', 'role',   'role', 'cmd',  'role',     'role', 'role'],
  'POST /api/towns/{townId}/observation-recheck':           ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/progress-check':                ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/provincial-recommendation':     ['role',       'role', 'cmd',    'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/provincial-decision':           ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/projects':                      ['cmd|county', 'role', 'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/projects/{projectId}/approvals': ['role',      'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/projects/{projectId}/key-schedule': ['role',   'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/projects/{projectId}/progress': ['cmd|county', 'role', 'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/funding':                       ['cmd|county', 'role', 'role',   'cmd',  'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/acceptance/inspections':        ['role',       'role', 'role',   'role', 'role', 'cmd|unit', 'role', 'role'],
  'POST /api/towns/{townId}/acceptance/opinion':            ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/towns/{townId}/acceptance/deliberation':       ['role',       'role', 'cmd',    'role', 'role', 'role',     'role', 'role'],
  'POST /api/batches/{batchId}/defence-scores':             ['role',       'cmd',  'role',   'role', 'role', 'role',     'role', 'role'],
  'POST /api/batches/{batchId}/list-decision':              ['role',       'role', 'cmd',    'role', 'role', 'role',     'role', 'role'],
  'POST /api/batches/{batchId}/publication':                ['role',       'role', 'cmd',    'role', 'role', 'role',     'role', 'role'],
  'POST /api/programme/closure':                            ['role',       'role', 'cmd',    'role', 'role', 'role',     'role', 'role'],
};

/** What each cell expects of the own and of the other target. */
function outcomes(cell: Cell): readonly [string, string] {
  const [own, other = own] = cell.split('|');
  const name = (part: string | undefined) =>
    ({
      county: 'ACTOR_COUNTY_MISMATCH',
      unit: 'ACTOR_UNIT_MISMATCH',
      read: 'READ_NOT_ALLOWED',
      role: 'ROLE_NOT_ALLOWED',
    })[part ?? ''] ??
    part ??
    '';
  if (cell === 'both') return ['shown', 'shown'];
  if (cell === 'own') return ['shown', 'hidden'];
  if (cell === 'mine') return ['not-leaked', 'not-leaked'];
  return [name(own), name(other)];
}

describe('who reads and does what: every route × every seat × own / other county, over HTTP', () => {
  let system: HttpWorld;
  let jobsRoot: string;
  let fixture: Fixture;
  let minPosition: string;
  const tokens = new Map<HumanSeat, string>();
  const targets: Record<'own' | 'other', Target> = {
    own: { townId: '', county: 'luxi', countyZh: '芦溪县', unit: 'construction' },
    other: { townId: '', county: 'shangli', countyZh: '上栗县', unit: 'finance' },
  };

  beforeAll(async () => {
    jobsRoot = mkdtempSync(join(tmpdir(), 'access-matrix-'));
    const audit = {
      jobsDir: join(jobsRoot, 'jobs'),
      checkpointDir: join(jobsRoot, 'checkpoints'),
      checkpointSinks: ['file', 'temporal'] as const,
      publicKeysDir: join(jobsRoot, 'keys'),
      exportKeyFile: undefined,
    };
    mkdirSync(audit.publicKeysDir, { recursive: true });
    system = await startHttpWorld({ audit });
    for (const seat of seatsInOrder) {
      tokens.set(
        seat,
        await system.auth.tokenFor(
          {
            userId: `${seat}-matrix`,
            seat,
            ...(seat === 'county-official' ? { county: 'luxi' } : {}),
            ...(seat === 'member-unit-inspector' ? { unit: 'construction' } : {}),
          },
          { ttlSeconds: 3600 },
        ),
      );
    }
    const officials = httpOfficials(system.http);
    const seat = (name: HumanSeat) => tokens.get(name) ?? '';
    const shangli = await system.auth.tokenFor({ seat: 'county-official', county: 'shangli' });
    const countyToken = (where: 'own' | 'other') => (where === 'own' ? seat('county-official') : shangli);
    const positions: string[] = [];
    const step = async (path: string, token: string, body: object = {}) => {
      const response = await officials.post(path, token, body);
      expect({ path, succeeded: response.status < 300, code: response.body.code as unknown }).toEqual({
        path,
        succeeded: true,
        code: undefined,
      });
      positions.push(...((response.body.positions as string[] | undefined) ?? []));
      return response;
    };

    await system.at('2027-03-05T10:00:00');
    await system.batchOpened('2017');
    for (const where of ['own', 'other'] as const) {
      const applied = await step('/api/towns', countyToken(where), {
        name: `${targets[where].countyZh}矩阵小镇`,
        county: targets[where].countyZh,
        kind: 'administrative-town',
        industry: 'leisure-tourism',
        batchId: '2017',
      });
      targets[where] = { ...targets[where], townId: applied.body.townId as string };
    }
    const townIds = [targets.own.townId, targets.other.townId];
    await system.at('2027-04-06T10:00:00');
    for (const townId of townIds) {
      await step('/api/batches/2017/defence-scores', seat('joint-meeting-office'), {
        townId,
        scores: defenceScores(system.policy, 90),
        conditions: conditionsConfirmed(system.policy),
      });
    }
    await step('/api/batches/2017/list-decision', seat('joint-meeting-secretary'), { listed: townIds });
    await step('/api/batches/2017/publication', seat('joint-meeting-secretary'));
    await system.world.settle();
    await system.at('2027-06-10T10:00:00');
    for (const where of ['own', 'other'] as const) {
      const { townId } = targets[where];
      await step(`/api/towns/${townId}/plan`, countyToken(where), { documents: planDocuments(townId) });
      await step(`/api/towns/${townId}/plan/approval`, seat('joint-meeting-office'));
    }
    await system.at('2027-12-05T10:00:00');
    for (const where of ['own', 'other'] as const) {
      const { townId } = targets[where];
      await step(`/api/towns/${townId}/reviews/2027/statistics`, countyToken(where), yearlyStatistics(2027));
      await step(`/api/towns/${townId}/reviews/2027/rating`, seat('joint-meeting-office'), {
        score: 95,
        assessment: 'on site',
      });
    }
    // The recommendation round falls due after the year's ratings: both towns go to the province.
    await system.at('2028-01-20T10:00:00');
    await system.world.settle();

    const started = await request(system.http)
      .post('/api/audit/jobs')
      .auth(seat('auditor'), { type: 'bearer' })
      // Re-decision reads the log alone; verification also looks for ledgers in Temporal's visibility,
      // which the time-skipping server does not have.
      .send({ kind: 'redecide' })
      .expect(202);
    const jobId = started.body.jobId as string;
    for (let polls = 0; polls < 600; polls += 1) {
      const job = await officials.get(`/api/audit/jobs/${jobId}`, seat('auditor')).expect(200);
      if (job.body.state !== 'running') break;
      await system.world.settle();
    }
    fixture = { jobId };
    minPosition = positions.reduce((max, position) => (BigInt(position) > BigInt(max) ? position : max), '0');
  });

  afterAll(async () => {
    await system.close();
    rmSync(jobsRoot, { recursive: true, force: true });
  });

  it('has a row for every route the API declares, and a cell for every seat', async () => {
    const doc = await request(system.http).get('/api/docs-json').expect(200);
    const declared = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
      )
      .filter((route) => !route.includes('/api/health/'))
      .sort();
    const tested = Object.keys(routes)
      .map((route) => route.replace('?county=', ''))
      .filter((route, index, all) => all.indexOf(route) === index)
      .sort();
    expect(tested).toEqual(declared);
    for (const cells of Object.values(expected)) expect(cells).toHaveLength(seatsInOrder.length);
  });

  it('shows the fixture in the answers, so that a hidden town is really hidden', async () => {
    const programme = await httpOfficials(system.http)
      .get('/api/programme', tokens.get('auditor') ?? '')
      .expect(200);
    const { listedTowns, recommended, ratings } = programme.body.state as {
      listedTowns: { townId: string }[];
      recommended: { townId: string }[];
      ratings: Record<string, unknown>;
    };
    for (const { townId } of Object.values(targets)) {
      expect(listedTowns.map((listed) => listed.townId)).toContain(townId);
      expect(recommended.map((entry) => entry.townId)).toContain(townId);
      expect(Object.keys(ratings)).toContain(townId);
    }
    const job = await httpOfficials(system.http)
      .get(`/api/audit/jobs/${fixture.jobId}`, tokens.get('auditor') ?? '')
      .expect(200);
    // What the job found is not the point here: that it finished, with a report to download, is.
    expect(job.body).toMatchObject({
      state: 'completed',
      result: { files: expect.arrayContaining([expect.objectContaining({ name: 'report.json' })]) },
    });
  });

  const cases = Object.entries(expected).flatMap(([route, cells]) =>
    seatsInOrder.flatMap((seat, index) => {
      const pair = outcomes(cells[index] ?? 'read');
      return (['own', 'other'] as const).map((where) => ({
        route,
        seat,
        where,
        outcome: where === 'own' ? pair[0] : pair[1],
      }));
    }),
  );

  it.each(cases)('$route, $seat, $where → $outcome', async ({ route, seat, where, outcome }) => {
    const spec = routes[route];
    if (!spec) throw new Error(`no route ${route}`);
    const target = targets[where];
    const token = tokens.get(seat) ?? '';
    const path = spec.path(target, fixture);
    const sent =
      spec.method === 'get'
        ? request(system.http).get(path).set('X-Min-Position', minPosition)
        : request(system.http)
            .post(path)
            .send(spec.body?.(target) ?? probe);
    const response = await sent.auth(token, { type: 'bearer' });
    const text = response.text;
    switch (outcome) {
      case 'ok':
        expect({ route, status: response.status }).toEqual({ route, status: 200 });
        break;
      case 'past':
        expect({ route, refusedAtTheEdge: [401, 403].includes(response.status) }).toEqual({
          route,
          refusedAtTheEdge: false,
        });
        break;
      case 'not-leaked':
        expect({ route, status: response.status }).toEqual({ route, status: 200 });
        expect(text).not.toContain(targets.other.townId);
        break;
      case 'shown':
      case 'hidden': {
        expect({ route, status: response.status }).toEqual({ route, status: 200 });
        const marker = spec.marker?.(target) ?? target.townId;
        expect({ route, shown: text.includes(marker) }).toEqual({ route, shown: outcome === 'shown' });
        // Hidden means hidden anywhere in the answer, not only where the marker would be.
        if (outcome === 'hidden') expect(text).not.toContain(target.townId);
        break;
      }
      case 'cmd':
        expect({ route, status: response.status, errors: response.body.errors as unknown }).toEqual({
          route,
          status: 400,
          errors: expect.arrayContaining([
            expect.objectContaining({ field: 'accessMatrixProbe', code: 'UNKNOWN_FIELD' }),
          ]),
        });
        break;
      default:
        expect({ route, status: response.status, code: response.body.code as unknown }).toEqual({
          route,
          status: 403,
          code: outcome,
        });
    }
  });
});
