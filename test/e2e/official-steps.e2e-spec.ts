import request from 'supertest';
import {
  conditionsConfirmed,
  defenceScores,
  httpOfficials,
  planDocuments,
  seatTokens,
  yearlyStatistics,
  type SeatTokens,
} from '../helpers/http-officials';
import { startHttpWorld, type HttpWorld } from '../helpers/http-world';
import { townDecider } from '../../domain/town';

type Token = keyof SeatTokens;

/** A refused request: who sends what where, and the problem expected (`field` for a 400). */
interface Refusal {
  readonly label: string;
  readonly path: string;
  readonly token: Token;
  readonly body?: object;
  readonly status: number;
  readonly code: string;
  readonly field?: string;
}

/**
 * Each family of official steps over HTTP, on the time-skipping server: allowed (the event is in the
 * town's history), refused by the lifecycle (409 with its code), wrong seat and other county (403),
 * bad input (400 naming the field, 404, 413, 415) — and every refusal writes nothing.
 */
describe('official steps over HTTP', () => {
  let system: HttpWorld;
  let tokens: SeatTokens;
  let luxiTown: string;
  let shangliTown: string;
  /** Luxi's second and third applications: the quota keeps the third off the list. */
  let moreLuxiTowns: string[] = [];
  const missingTown = '7f000000-0000-4000-8000-000000000000';

  const post = (path: string, token: Token, body: object = {}) =>
    httpOfficials(system.http).post(path, tokens[token], body);
  const paths = (template: string) =>
    template.replace(':luxi', luxiTown).replace(':shangli', shangliTown).replace(':missing', missingTown);

  async function expectRefusals(refusals: readonly Refusal[]): Promise<void> {
    for (const refusal of refusals) {
      const before = (await system.world.store.readAll()).length;
      const response = await post(paths(refusal.path), refusal.token, refusal.body ?? {});
      expect({ label: refusal.label, status: response.status, code: response.body.code as unknown }).toEqual({
        label: refusal.label,
        status: refusal.status,
        code: refusal.code,
      });
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      if (refusal.field !== undefined) {
        expect({ label: refusal.label, fields: response.body.errors }).toEqual({
          label: refusal.label,
          fields: expect.arrayContaining([expect.objectContaining({ field: refusal.field })]),
        });
      }
      expect({ label: refusal.label, written: (await system.world.store.readAll()).length - before }).toEqual(
        {
          label: refusal.label,
          written: 0,
        },
      );
    }
  }

  /** An allowed step: 200, and its events are the last of the town's history. */
  async function expectRecorded(path: string, token: Token, body: object, eventTypes: string[]) {
    const response = await post(paths(path), token, body);
    expect({ path, status: response.status, code: response.body.code as unknown }).toEqual({
      path,
      status: 200,
      code: undefined,
    });
    expect(response.body.eventTypes).toEqual(eventTypes);
    const townId = /\/api\/towns\/([^/]+)/.exec(paths(path))?.[1];
    if (townId) {
      const history = await httpOfficials(system.http).get(`/api/towns/${townId}/history`, tokens.auditor);
      const ids = (history.body.events as { id: string }[]).map((event) => event.id);
      expect(ids.slice(-eventTypes.length)).toEqual(response.body.eventIds);
    }
    return response;
  }

  beforeAll(async () => {
    system = await startHttpWorld();
    tokens = await seatTokens(system.auth);
    await system.at('2027-03-05T10:00:00');
    await system.batchOpened('2017');
    const apply = async (token: Token, county: string, name: string) =>
      (
        await post('/api/towns', token, {
          name,
          county,
          kind: 'administrative-town',
          industry: 'leisure-tourism',
          batchId: '2017',
        }).expect(201)
      ).body.townId as string;
    luxiTown = await apply('luxi', 'luxi', '麻山汽车风情小镇');
    shangliTown = await apply('shangli', 'shangli', '上栗花炮小镇');
  });
  afterAll(() => system.close());

  it('batch: applications go through the batch; the county quota limits listing, not applying (§I.2)', async () => {
    const second = await post('/api/towns', 'luxi', {
      name: '芦溪第二小镇',
      county: 'luxi',
      kind: 'administrative-town',
      industry: 'leisure-tourism',
      batchId: '2017',
    }).expect(201);
    const third = await post('/api/towns', 'luxi', {
      name: '芦溪竹编小镇',
      county: 'luxi',
      kind: 'administrative-town',
      industry: 'other',
      industryDescription: '竹编工艺',
      batchId: '2017',
    }).expect(201);
    moreLuxiTowns = [second.body.townId as string, third.body.townId as string];
    // What an `other` industry is shows wherever the town does: its page and the list.
    const thirdView = await httpOfficials(system.http)
      .get(`/api/towns/${third.body.townId as string}`, tokens.luxi)
      .expect(200);
    expect(thirdView.body).toMatchObject({ industry: 'other', industryDescription: '竹编工艺' });
    const listed = await httpOfficials(system.http).get('/api/towns?county=luxi', tokens.luxi).expect(200);
    const items = listed.body.items as { name: string; industryDescription: string | null }[];
    expect(items.find((town) => town.name === '芦溪竹编小镇')?.industryDescription).toBe('竹编工艺');
    expect(items.find((town) => town.name === '芦溪第二小镇')?.industryDescription).toBeNull();
    await expectRefusals([
      {
        label: '`other` without saying what the industry is',
        path: '/api/towns',
        token: 'luxi',
        body: {
          name: '芦溪某小镇',
          county: 'luxi',
          kind: 'administrative-town',
          industry: 'other',
          batchId: '2017',
        },
        status: 400,
        code: 'INDUSTRY_DESCRIPTION_REQUIRED',
        field: 'industryDescription',
      },
    ]);
  });

  it('batch: defence scores, the list and its publication', async () => {
    const scores = defenceScores(system.policy, 80);
    const conditions = conditionsConfirmed(system.policy);
    await expectRefusals([
      {
        label: 'window still open',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores },
        status: 409,
        code: 'APPLICATION_WINDOW_STILL_OPEN',
      },
    ]);
    await system.at('2027-04-06T10:00:00');
    const view = await httpOfficials(system.http).get('/api/batches/2017', tokens.office).expect(200);
    expect(view.body).toMatchObject({ status: 'closed', allowedSteps: ['RecordDefenceScore'] });
    const [firstCriterion] = Object.keys(scores);
    await expectRefusals([
      {
        label: 'a county official scoring',
        path: '/api/batches/2017/defence-scores',
        token: 'luxi',
        body: { townId: luxiTown, scores },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'a score out of range',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores: { ...scores, [firstCriterion ?? '']: 101 } },
        status: 400,
        code: 'INVALID_MAX',
        field: `scores.${firstCriterion}`,
      },
      {
        label: 'a missing criterion',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores: { [firstCriterion ?? '']: 80 } },
        status: 400,
        code: 'REQUIRED',
      },
      {
        label: 'scores of the wrong type',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores: 'eighty' },
        status: 400,
        code: 'INVALID_IS_RECORD_OF_NUMBERS',
        field: 'scores',
      },
      {
        label: 'a missing town',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { scores },
        status: 400,
        code: 'REQUIRED',
        field: 'townId',
      },
      {
        label: 'an unknown batch',
        path: '/api/batches/1999/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores },
        status: 404,
        code: 'BATCH_NOT_FOUND',
      },
      {
        label: 'a batch not opened yet',
        path: '/api/batches/2018/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores },
        status: 409,
        code: 'BATCH_NOT_OPEN',
      },
      {
        label: 'an applicant the batch does not have',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: missingTown, scores },
        status: 409,
        code: 'APPLICATION_UNKNOWN',
      },
      {
        label: 'the list before every defence is scored',
        path: '/api/batches/2017/list-decision',
        token: 'secretary',
        body: { listed: [luxiTown] },
        status: 409,
        code: 'DEFENCE_INCOMPLETE',
      },
      {
        label: 'the office deciding the list',
        path: '/api/batches/2017/list-decision',
        token: 'office',
        body: { listed: [luxiTown] },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'publishing before the list is decided',
        path: '/api/batches/2017/publication',
        token: 'secretary',
        status: 409,
        code: 'LIST_NOT_DECIDED',
      },
    ]);
    // Before publication a county official sees only their own county's applications.
    const luxiView = await httpOfficials(system.http).get('/api/batches/2017', tokens.luxi).expect(200);
    expect((luxiView.body.state.applications as { county: string }[]).every((a) => a.county === 'luxi')).toBe(
      true,
    );
    await expectRefusals([
      {
        label: 'a defence that leaves the application conditions unconfirmed',
        path: '/api/batches/2017/defence-scores',
        token: 'office',
        body: { townId: luxiTown, scores },
        status: 422,
        code: 'CONDITIONS_MISMATCH',
        field: 'conditions',
      },
    ]);
    const applicants = (view.body.state.applications as { townId: string }[]).map((a) => a.townId);
    for (const townId of applicants) {
      await expectRecorded('/api/batches/2017/defence-scores', 'office', { townId, scores, conditions }, [
        'DefenceScored',
      ]);
    }
    await expectRefusals([
      {
        label: 'three towns of one county on the list',
        path: '/api/batches/2017/list-decision',
        token: 'secretary',
        body: { listed: [luxiTown, ...moreLuxiTowns] },
        status: 409,
        code: 'COUNTY_QUOTA_FULL',
      },
    ]);
    await expectRecorded(
      '/api/batches/2017/list-decision',
      'secretary',
      { listed: [luxiTown, shangliTown] },
      ['ListPageRecorded', 'ListClosed'],
    );
    await expectRecorded('/api/batches/2017/publication', 'secretary', {}, ['ListPagesPublished']);
    await system.world.settle();
    const listed = await httpOfficials(system.http).get(`/api/towns/${luxiTown}`, tokens.luxi).expect(200);
    expect(listed.body).toMatchObject({
      status: 'planning',
      allowedSteps: ['SubmitPlan', 'RegisterProject', 'RecordFunding'],
    });
  });

  it('rewards: finance pays what is due, once', async () => {
    await system.at('2027-04-20T10:00:00');
    await expectRecorded('/api/towns/:luxi/rewards/listing/payment', 'finance', { paymentRef: 'f/1' }, [
      'RewardPaid',
    ]);
    await expectRefusals([
      {
        label: 'paid twice',
        path: '/api/towns/:luxi/rewards/listing/payment',
        token: 'finance',
        body: { paymentRef: 'f/2' },
        status: 409,
        code: 'REWARD_NOT_DUE',
      },
      {
        label: 'a county paying',
        path: '/api/towns/:shangli/rewards/listing/payment',
        token: 'shangli',
        body: { paymentRef: 'f/3' },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'an unknown reward',
        path: '/api/towns/:shangli/rewards/bonus/payment',
        token: 'finance',
        body: { paymentRef: 'f/4' },
        status: 400,
        code: 'UNKNOWN_CODE',
        field: 'reward',
      },
      {
        label: 'no payment reference',
        path: '/api/towns/:shangli/rewards/listing/payment',
        token: 'finance',
        status: 400,
        code: 'REQUIRED',
        field: 'paymentRef',
      },
      {
        label: 'an unknown town',
        path: '/api/towns/:missing/rewards/listing/payment',
        token: 'finance',
        body: { paymentRef: 'f/5' },
        status: 404,
        code: 'TOWN_NOT_FOUND',
      },
      {
        label: 'a town id that is not a UUID',
        path: '/api/towns/not-a-town/rewards/listing/payment',
        token: 'finance',
        body: { paymentRef: 'f/6' },
        status: 400,
        code: 'INVALID_UUID',
        field: 'townId',
      },
    ]);
  });

  it('planning: submit, return, extend, approve', async () => {
    await system.at('2027-06-10T10:00:00');
    await expectRefusals([
      {
        label: 'approving a plan not submitted',
        path: '/api/towns/:luxi/plan/approval',
        token: 'office',
        status: 409,
        code: 'PLAN_NOT_SUBMITTED',
      },
      {
        label: "another county's plan",
        path: '/api/towns/:luxi/plan',
        token: 'shangli',
        body: { documents: planDocuments(luxiTown) },
        status: 403,
        code: 'ACTOR_COUNTY_MISMATCH',
      },
      {
        label: 'finance submitting a plan',
        path: '/api/towns/:luxi/plan',
        token: 'finance',
        body: { documents: planDocuments(luxiTown) },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'no documents',
        path: '/api/towns/:luxi/plan',
        token: 'luxi',
        status: 400,
        code: 'REQUIRED',
        field: 'documents',
      },
      {
        label: 'an unknown document',
        path: '/api/towns/:luxi/plan',
        token: 'luxi',
        body: { documents: { ...planDocuments(luxiTown), brochure: 'doc://x' } },
        status: 400,
        code: 'UNKNOWN_CODE',
        field: 'documents.brochure',
      },
      {
        label: 'a missing document',
        path: '/api/towns/:luxi/plan',
        token: 'luxi',
        body: { documents: { 'work-plan': 'doc://x' } },
        status: 400,
        code: 'REQUIRED',
        field: 'documents.special-plan',
      },
      {
        label: 'no reasons to return a plan',
        path: '/api/towns/:luxi/plan/return',
        token: 'office',
        body: { reasons: [] },
        status: 400,
        code: 'INVALID_ARRAY_MIN_SIZE',
        field: 'reasons',
      },
      {
        label: 'an extension that is not a date',
        path: '/api/towns/:shangli/plan/extension',
        token: 'office',
        body: { until: 'next month' },
        status: 400,
        code: 'INVALID_MATCHES',
        field: 'until',
      },
    ]);
    await expectRecorded('/api/towns/:luxi/plan', 'luxi', { documents: planDocuments(luxiTown) }, [
      'PlanSubmitted',
    ]);
    await expectRecorded('/api/towns/:luxi/plan/return', 'office', { reasons: ['不足'] }, ['PlanReturned']);
    await expectRecorded('/api/towns/:luxi/plan', 'luxi', { documents: planDocuments(luxiTown) }, [
      'PlanSubmitted',
    ]);
    await expectRecorded('/api/towns/:luxi/plan/approval', 'office', {}, ['PlanApproved']);
    const due = await httpOfficials(system.http).get(`/api/towns/${shangliTown}`, tokens.office).expect(200);
    // The plan is due at the end of a Shanghai day (15:59:59.999Z), so the UTC date is that day.
    const dueOn = String(due.body.plan.dueAt).slice(0, 10);
    await expectRecorded('/api/towns/:shangli/plan/extension', 'office', { until: weekAfter(dueOn) }, [
      'PlanDeadlineExtended',
    ]);
    await expectRecorded('/api/towns/:shangli/plan', 'shangli', { documents: planDocuments(shangliTown) }, [
      'PlanSubmitted',
    ]);
    await expectRecorded('/api/towns/:shangli/plan/approval', 'office', { note: '同意' }, ['PlanApproved']);
  });

  it('reviews: statistics, extension, rating, land support', async () => {
    await system.at('2027-12-05T10:00:00');
    await expectRefusals([
      {
        label: 'rating before the statistics',
        path: '/api/towns/:shangli/reviews/2027/rating',
        token: 'office',
        body: { score: 80, assessment: 'x' },
        status: 409,
        code: 'STATISTICS_MISSING',
      },
      {
        label: 'a score above 100',
        path: '/api/towns/:luxi/reviews/2027/rating',
        token: 'office',
        body: { score: 101, assessment: 'x' },
        status: 400,
        code: 'INVALID_MAX',
        field: 'score',
      },
      {
        label: 'negative statistics',
        path: '/api/towns/:luxi/reviews/2027/statistics',
        token: 'luxi',
        body: { ...yearlyStatistics(2027), statistics: { output: -1 } },
        status: 400,
        code: 'INVALID_IS_RECORD_OF_NUMBERS',
        field: 'statistics',
      },
      {
        label: 'project progress of the wrong type',
        path: '/api/towns/:luxi/reviews/2027/statistics',
        token: 'luxi',
        body: { ...yearlyStatistics(2027), projectProgress: { projectsPlanned: 'many' } },
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'projectProgress.projectsPlanned',
      },
      {
        label: 'a year that is not a number',
        path: '/api/towns/:luxi/reviews/this-year/statistics',
        token: 'luxi',
        body: yearlyStatistics(2027),
        status: 400,
        code: 'INVALID_YEAR',
        field: 'year',
      },
      {
        label: 'a year not reviewed',
        path: '/api/towns/:luxi/reviews/2035/statistics',
        token: 'luxi',
        body: yearlyStatistics(2035),
        status: 409,
        code: 'REVIEW_YEAR_NOT_SCHEDULED',
      },
      {
        label: 'land support not earned',
        path: '/api/towns/:luxi/reviews/2028/land-support',
        token: 'land',
        body: { areaMu: 120, reference: '萍国土资字〔2028〕8号' },
        status: 409,
        code: 'LAND_SUPPORT_NOT_ENTITLED',
      },
      {
        label: 'the office granting land support',
        path: '/api/towns/:luxi/reviews/2028/land-support',
        token: 'office',
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'an unknown field beside the area and its document',
        path: '/api/towns/:luxi/reviews/2028/land-support',
        token: 'land',
        body: { areaMu: 120, reference: '萍国土资字〔2028〕8号', hectares: 3 },
        status: 400,
        code: 'UNKNOWN_FIELD',
        field: 'hectares',
      },
    ]);
    await expectRecorded('/api/towns/:luxi/reviews/2027/statistics', 'luxi', yearlyStatistics(2027), [
      'YearlyStatisticsSubmitted',
    ]);
    await expectRecorded('/api/towns/:shangli/reviews/2027/statistics-extension', 'office', {}, [
      'StatisticsDeadlineExtended',
    ]);
    await system.at('2027-12-10T10:00:00');
    const rated = await expectRecorded(
      '/api/towns/:luxi/reviews/2027/rating',
      'office',
      { score: 90, assessment: '2027 on site' },
      ['TownRated'],
    );
    expect(rated.body.workflowId).toBe(townDecider.streamOf(luxiTown));
    await expectRefusals([
      {
        label: 'land granted without its area (§III.4)',
        path: '/api/towns/:luxi/reviews/2028/land-support',
        token: 'land',
        body: { reference: '萍国土资字〔2028〕8号' },
        status: 400,
        code: 'REQUIRED',
        field: 'areaMu',
      },
    ]);
    await expectRecorded(
      '/api/towns/:luxi/reviews/2028/land-support',
      'land',
      { areaMu: 120, reference: '萍国土资字〔2028〕8号' },
      ['LandSupportGranted'],
    );
  });

  it('checks and the province: refusals (the allowed steps are in the whole-lifecycle test)', async () => {
    await expectRefusals([
      {
        label: 'a recheck of a town not under observation',
        path: '/api/towns/:luxi/observation-recheck',
        token: 'office',
        body: { passed: true, findings: 'ok' },
        status: 409,
        code: 'NOT_UNDER_OBSERVATION',
      },
      {
        label: 'a check without its outcome',
        path: '/api/towns/:luxi/progress-check',
        token: 'office',
        body: { findings: 'ok' },
        status: 400,
        code: 'REQUIRED',
        field: 'passed',
      },
      {
        label: 'a county recording its own check',
        path: '/api/towns/:luxi/progress-check',
        token: 'luxi',
        body: { passed: true, findings: 'ok' },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'a recommendation rank of zero',
        path: '/api/towns/:luxi/provincial-recommendation',
        token: 'secretary',
        body: { reviewYear: 2027, recommended: true, rank: 0 },
        status: 400,
        code: 'INVALID_MIN',
        field: 'rank',
      },
    ]);
  });

  it('projects, the green channel and funding: refusals (allowed in the whole-lifecycle test)', async () => {
    await expectRefusals([
      {
        label: 'a project without its planned investment',
        path: '/api/towns/:luxi/projects',
        token: 'luxi',
        body: { projectId: 'MS-01', name: '汽车文化街区' },
        status: 400,
        code: 'REQUIRED',
        field: 'investmentPlannedYuan',
      },
      {
        label: "another county's official registering a project",
        path: '/api/towns/:luxi/projects',
        token: 'shangli',
        body: { projectId: 'MS-01', name: '汽车文化街区', investmentPlannedYuan: 1 },
        status: 403,
        code: 'ACTOR_COUNTY_MISMATCH',
      },
      {
        label: 'an approval of a project never registered',
        path: '/api/towns/:luxi/projects/MS-99/approvals',
        token: 'office',
        body: {
          procedure: 'project-initiation',
          appliedOn: '2027-08-02',
          approvedOn: '2027-08-09',
          greenChannel: true,
          fastTrack: [],
          reference: 'r',
        },
        status: 409,
        code: 'PROJECT_UNKNOWN',
      },
      {
        label: 'an approval date that is not a date',
        path: '/api/towns/:luxi/projects/MS-01/approvals',
        token: 'office',
        body: {
          procedure: 'project-initiation',
          appliedOn: 'August',
          approvedOn: '2027-08-09',
          greenChannel: true,
          fastTrack: [],
          reference: 'r',
        },
        status: 400,
        code: 'INVALID_MATCHES',
        field: 'appliedOn',
      },
      {
        label: "a county recording the city's sponge fund",
        path: '/api/towns/:luxi/funding',
        token: 'luxi',
        body: { year: 2027, source: 'city-sponge-fund', amountYuan: 1, reference: 'r' },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'money from a source the pack does not name',
        path: '/api/towns/:luxi/funding',
        token: 'luxi',
        body: { year: 2027, source: 'lottery', amountYuan: 1, reference: 'r' },
        status: 400,
        code: 'FUNDING_SOURCE_UNKNOWN',
        field: 'source',
      },
      {
        label: 'the office recording money',
        path: '/api/towns/:luxi/funding',
        token: 'office',
        body: { year: 2027, source: 'county', amountYuan: 1, reference: 'r' },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
    ]);
  });

  it('final acceptance and closing the programme: refusals (allowed in the whole-lifecycle test)', async () => {
    await expectRefusals([
      {
        label: 'inspecting before the acceptance starts',
        path: '/api/towns/:luxi/acceptance/inspections',
        token: 'inspector',
        body: { unit: 'construction', satisfactory: true, findings: 'ok' },
        status: 409,
        code: 'ACCEPTANCE_NOT_STARTED',
      },
      {
        label: 'an unknown member unit',
        path: '/api/towns/:luxi/acceptance/inspections',
        token: 'inspector',
        body: { unit: 'navy', satisfactory: true, findings: 'ok' },
        status: 400,
        code: 'MEMBER_UNIT_UNKNOWN',
        field: 'unit',
      },
      {
        label: "an inspector recording another unit's inspection",
        path: '/api/towns/:luxi/acceptance/inspections',
        token: 'reformInspector',
        body: { unit: 'construction', satisfactory: true, findings: 'ok' },
        status: 403,
        code: 'ACTOR_UNIT_MISMATCH',
      },
      {
        label: 'the office inspecting',
        path: '/api/towns/:luxi/acceptance/inspections',
        token: 'office',
        body: { unit: 'construction', satisfactory: true, findings: 'ok' },
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
      {
        label: 'an opinion that is neither accept nor reject',
        path: '/api/towns/:luxi/acceptance/opinion',
        token: 'office',
        body: {
          recommendation: 'maybe',
          opinion: '?',
          findings: (system.policy.finalAcceptance.criteria ?? []).map(({ code }) => ({
            criterion: code,
            met: true,
            finding: 'ok',
          })),
        },
        status: 400,
        code: 'INVALID_IS_IN',
        field: 'recommendation',
      },
      {
        label: 'a deliberation without minutes',
        path: '/api/towns/:luxi/acceptance/deliberation',
        token: 'secretary',
        body: { accepted: 'yes' },
        status: 400,
        code: 'VALIDATION_FAILED',
        field: 'accepted',
      },
      {
        label: 'closing the programme before its final round',
        path: '/api/programme/closure',
        token: 'secretary',
        status: 409,
        code: 'FINAL_ACCEPTANCE_NOT_STARTED',
      },
      {
        label: 'a county closing the programme',
        path: '/api/programme/closure',
        token: 'luxi',
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      },
    ]);
  });

  it('commands: oversized bodies (413), other media types (415), and Idempotency-Key', async () => {
    const before = (await system.world.store.readAll()).length;
    const big = await post('/api/towns/:luxi/plan/return'.replace(':luxi', luxiTown), 'office', {
      reasons: ['x'.repeat(200_000)],
    }).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await request(system.http)
      .post(`/api/towns/${luxiTown}/plan/return`)
      .auth(tokens.office, { type: 'bearer' })
      .set('Content-Type', 'text/plain')
      .send('reasons=none')
      .expect(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await system.world.store.readAll()).toHaveLength(before);

    const pay = () =>
      request(system.http)
        .post(`/api/towns/${shangliTown}/rewards/listing/payment`)
        .auth(tokens.finance, { type: 'bearer' })
        .set('Idempotency-Key', 'pay-shangli-listing')
        .send({ paymentRef: 'f/shangli' })
        .expect(200);
    const first = await pay();
    const written = (await system.world.store.readAll()).length;
    const again = await pay();
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await system.world.store.readAll()).toHaveLength(written);
  });
});

/** Seven days after a date (`YYYY-MM-DD`): an extension well within the pack's limit. */
function weekAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
}
