import request from 'supertest';
import {
  conditionsConfirmed,
  defenceScores,
  httpOfficials,
  mashanApplication,
  planDocuments,
  seatTokens,
  yearlyStatistics,
  type SeatTokens,
} from '../helpers/http-officials';
import { startHttpWorld, type HttpWorld } from '../helpers/http-world';
import { OpenApiContract, type OpenApiDocument } from './support/openapi-contract';

/**
 * One town's whole life, driven by its officials over HTTP only, on the time-skipping server: years
 * pass between calls. Every answer is checked against the API's own OpenAPI document.
 */
describe('one town from application to final acceptance, over HTTP only', () => {
  let system: HttpWorld;
  let tokens: SeatTokens;
  let contract: OpenApiContract;
  let townId: string;

  beforeAll(async () => {
    system = await startHttpWorld();
    tokens = await seatTokens(system.auth);
    const doc = await request(system.http).get('/api/docs-json').expect(200);
    contract = new OpenApiContract(doc.body as OpenApiDocument);
  });
  afterAll(() => system.close());

  /** One official step: the expected status, the answer matching the document, the events it recorded. */
  async function step(
    template: string,
    path: string,
    token: string,
    body: object,
    eventTypes: readonly string[],
    status = 200,
  ): Promise<request.Response> {
    const response = await httpOfficials(system.http).post(path, token, body);
    // The path and the problem's code in the comparison, so a failure says which step and why.
    expect({ path, status: response.status, code: response.body.code as unknown }).toEqual({
      path,
      status,
      code: undefined,
    });
    expect(contract.check('post', template, response)).toEqual([]);
    if (status < 300) expect(response.body.eventTypes).toEqual(eventTypes);
    return response;
  }
  const town = (suffix: string) => `/api/towns/${townId}${suffix}`;

  it('lives its whole lifecycle', async () => {
    const { office, secretary, finance, land, inspector, reformInspector, luxi, auditor } = tokens;
    await system.at('2027-03-05T10:00:00');
    await system.batchOpened('2017');

    // The score form's scale, the conditions it confirms and the list's county limit come from the pack.
    const policy = await httpOfficials(system.http).get('/api/policy', office).expect(200);
    expect(contract.check('get', '/api/policy', policy)).toEqual([]);
    expect(policy.body.selection).toEqual({
      maxCriterionScore: 100,
      passingScore: null,
      maxListedPerBatch: null,
    });
    expect(policy.body.quota).toEqual({ minTownsPerCounty: 1, maxTownsPerCounty: 2 });
    expect(policy.body.applicationConditions).toContainEqual(expect.objectContaining({ code: 'market-led' }));
    expect(policy.body.fundingSources).toContainEqual(
      expect.objectContaining({ code: 'city-sponge-fund', nameZh: '市海绵特色小镇建设专项资金' }),
    );

    const applied = await httpOfficials(system.http).post('/api/towns', luxi, mashanApplication).expect(201);
    expect(contract.check('post', '/api/towns', applied)).toEqual([]);
    townId = applied.body.townId as string;
    expect(applied.body.batchStep.eventTypes).toEqual(['ApplicationReceived']);

    const batch = await httpOfficials(system.http).get('/api/batches/2017', office).expect(200);
    expect(contract.check('get', '/api/batches/{batchId}', batch)).toEqual([]);
    expect(batch.body).toMatchObject({ batchId: '2017', status: 'open', allowedSteps: [] });

    // April: the window has closed by itself; defence, list and publication.
    await system.at('2027-04-06T10:00:00');
    const closed = await httpOfficials(system.http).get('/api/batches/2017', office).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', allowedSteps: ['RecordDefenceScore'] });
    await step(
      '/api/batches/{batchId}/defence-scores',
      '/api/batches/2017/defence-scores',
      office,
      { townId, scores: defenceScores(system.policy, 88), conditions: conditionsConfirmed(system.policy) },
      ['DefenceScored'],
    );
    const scored = await httpOfficials(system.http).get('/api/batches/2017', secretary).expect(200);
    expect(contract.check('get', '/api/batches/{batchId}', scored)).toEqual([]);
    expect(scored.body.applicants).toEqual([
      expect.objectContaining({ townId, county: 'luxi', weightedScore: 88, rank: 1, outcome: 'pending' }),
    ]);
    expect(scored.body.applicants[0]).not.toHaveProperty('bar');
    expect(scored.body.allowedSteps).toEqual(['DecideList']);
    await step(
      '/api/batches/{batchId}/list-decision',
      '/api/batches/2017/list-decision',
      secretary,
      { listed: [townId] },
      ['ListPageRecorded', 'ListClosed'],
    );
    await step('/api/batches/{batchId}/publication', '/api/batches/2017/publication', secretary, {}, [
      'ListPagesPublished',
    ]);
    const published = await httpOfficials(system.http).get('/api/batches/2017', luxi).expect(200);
    expect(published.body.applicants).toEqual([expect.objectContaining({ townId, outcome: 'listed' })]);
    expect(published.body.counties).toEqual([
      { county: 'luxi', listedBefore: 0, applications: 1, listedHere: 1, maxTowns: 2 },
    ]);
    expect(published.body.window.publishedAt).toEqual(expect.any(String));
    await system.world.settle();

    await system.at('2027-04-20T10:00:00');
    const listed = await httpOfficials(system.http).get(town(''), finance).expect(200);
    expect(listed.body).toMatchObject({ status: 'planning', allowedSteps: ['PayReward', 'RecordFunding'] });
    await step(
      '/api/towns/{townId}/rewards/{reward}/payment',
      town('/rewards/listing/payment'),
      finance,
      { paymentRef: 'finance/listing/1' },
      ['RewardPaid'],
    );

    // Planning: returned once, resubmitted, approved.
    await system.at('2027-06-10T10:00:00');
    await step('/api/towns/{townId}/plan', town('/plan'), luxi, { documents: planDocuments(townId) }, [
      'PlanSubmitted',
    ]);
    await step(
      '/api/towns/{townId}/plan/return',
      town('/plan/return'),
      office,
      { reasons: ['游客容量测算不足'] },
      ['PlanReturned'],
    );
    await system.at('2027-06-20T10:00:00');
    await step('/api/towns/{townId}/plan', town('/plan'), luxi, { documents: planDocuments(townId) }, [
      'PlanSubmitted',
    ]);
    await step('/api/towns/{townId}/plan/approval', town('/plan/approval'), office, { note: '同意' }, [
      'PlanApproved',
    ]);

    // §III.2: two projects, in the key-project schedule, approved through the green channel or not.
    await system.at('2027-08-20T10:00:00');
    for (const [projectId, name, planned] of [
      ['MS-01', '汽车文化街区', 300_000_000],
      ['MS-02', '山地越野营地', 200_000_000],
    ] as const) {
      await step(
        '/api/towns/{townId}/projects',
        town('/projects'),
        luxi,
        { projectId, name, investmentPlannedYuan: planned },
        ['ProjectRegistered'],
      );
    }
    await step(
      '/api/towns/{townId}/projects/{projectId}/key-schedule',
      town('/projects/MS-01/key-schedule'),
      office,
      { reference: '萍重点办〔2027〕5号' },
      ['ProjectScheduledAsKey'],
    );
    const approved = await step(
      '/api/towns/{townId}/projects/{projectId}/approvals',
      town('/projects/MS-01/approvals'),
      office,
      {
        procedure: 'project-initiation',
        appliedOn: '2027-08-02',
        approvedOn: '2027-08-09',
        greenChannel: true,
        fastTrack: ['build-while-approving'],
        reference: '萍发改字〔2027〕21号',
      },
      ['ProjectApprovalRecorded'],
    );
    expect(approved.body.eventTypes).toEqual(['ProjectApprovalRecorded']);
    await step(
      '/api/towns/{townId}/projects/{projectId}/approvals',
      town('/projects/MS-02/approvals'),
      office,
      {
        procedure: 'land-use',
        appliedOn: '2027-06-20',
        approvedOn: '2027-08-15',
        greenChannel: false,
        fastTrack: [],
        reference: '萍国土资字〔2027〕30号',
      },
      ['ProjectApprovalRecorded'],
    );
    // The town page lists its projects, the ones its project steps are taken on.
    const withProjects = await httpOfficials(system.http).get(town(''), luxi).expect(200);
    expect(withProjects.body.projects).toEqual([
      {
        projectId: 'MS-01',
        name: '汽车文化街区',
        investmentPlannedYuan: 300_000_000,
        investmentCompletedYuan: 0,
        completed: false,
        keySchedule: '萍重点办〔2027〕5号',
        approvals: 1,
      },
      {
        projectId: 'MS-02',
        name: '山地越野营地',
        investmentPlannedYuan: 200_000_000,
        investmentCompletedYuan: 0,
        completed: false,
        keySchedule: null,
        approvals: 1,
      },
    ]);
    // §III.5: county money first, the city's sponge fund.
    await step(
      '/api/towns/{townId}/funding',
      town('/funding'),
      luxi,
      {
        year: 2027,
        source: 'county',
        amountYuan: 20_000_000,
        reference: '芦财字〔2027〕12号',
      },
      ['FundingRecorded'],
    );
    await step(
      '/api/towns/{townId}/funding',
      town('/funding'),
      finance,
      {
        year: 2027,
        source: 'city-sponge-fund',
        amountYuan: 10_000_000,
        reference: '萍财字〔2027〕40号',
        purpose: '海绵城市设施',
      },
      ['FundingRecorded'],
    );

    // Three yearly reviews; land support for the good years.
    for (const [year, score] of [
      [2027, 92],
      [2028, 85],
      [2029, 94],
    ] as const) {
      await system.at(`${year}-12-01T10:00:00`);
      await step(
        '/api/towns/{townId}/projects/{projectId}/progress',
        town('/projects/MS-01/progress'),
        luxi,
        { investmentCompletedYuan: 100_000_000 * (year - 2026), completed: year === 2029 },
        ['ProjectProgressRecorded'],
      );
      await system.at(`${year}-12-05T10:00:00`);
      // The project figures come from the projects (§IV.3 项目推进情况): typed again, they are refused.
      const typedAgain = await httpOfficials(system.http).post(
        town(`/reviews/${year}/statistics`),
        luxi,
        yearlyStatistics(year),
      );
      expect({ status: typedAgain.status, code: typedAgain.body.code as unknown }).toEqual({
        status: 422,
        code: 'PROJECT_PROGRESS_FROM_PROJECTS',
      });
      await step(
        '/api/towns/{townId}/reviews/{year}/statistics',
        town(`/reviews/${year}/statistics`),
        luxi,
        { statistics: yearlyStatistics(year).statistics },
        ['YearlyStatisticsSubmitted'],
      );
      await system.at(`${year}-12-10T10:00:00`);
      const rated = await step(
        '/api/towns/{townId}/reviews/{year}/rating',
        town(`/reviews/${year}/rating`),
        office,
        { score, assessment: `${year} review on site` },
        ['TownRated'],
      );
      expect(rated.body.eventTypes).toContain('TownRated');
      // A good rating earns land support for the next year.
      await step(
        '/api/towns/{townId}/reviews/{year}/land-support',
        town(`/reviews/${year + 1}/land-support`),
        land,
        { areaMu: 120, reference: `萍国土资字〔${year + 1}〕8号` },
        ['LandSupportGranted'],
      );
      if (year === 2027) {
        // June 2028: the province answers the 2027 recommendation: the town is on its list.
        await system.at('2028-06-15T10:00:00');
        await step(
          '/api/towns/{townId}/provincial-decision',
          town('/provincial-decision'),
          office,
          { reviewYear: 2027, listed: true, reference: '赣特镇办〔2028〕3号' },
          ['ProvincialDecisionRecorded'],
        );
      }
      if (year === 2028) {
        // March 2029, between the reviews: the two-year check, then the progress reward.
        await system.at('2029-03-10T10:00:00');
        await step(
          '/api/towns/{townId}/progress-check',
          town('/progress-check'),
          office,
          { passed: true, findings: 'on schedule' },
          ['ProgressCheckPassed', 'RewardDue'],
        );
        await system.at('2029-03-20T10:00:00');
        await step(
          '/api/towns/{townId}/rewards/{reward}/payment',
          town('/rewards/progress/payment'),
          finance,
          { paymentRef: 'finance/progress/1' },
          ['RewardPaid'],
        );
      }
    }

    // December 2030: the final acceptance starts by itself; two member units inspect, then the decision.
    await system.at('2030-12-03T10:00:00');
    for (const [unit, unitInspector] of [
      ['construction', inspector],
      ['development-reform', reformInspector],
    ] as const) {
      await step(
        '/api/towns/{townId}/acceptance/inspections',
        town('/acceptance/inspections'),
        unitInspector,
        { unit, satisfactory: true, findings: `${unit} on site` },
        ['SiteInspected'],
      );
    }
    await step(
      '/api/towns/{townId}/acceptance/opinion',
      town('/acceptance/opinion'),
      office,
      {
        recommendation: 'accept',
        opinion: '达到验收要求',
        // §IV.4's four requirements, one finding each.
        findings: (system.policy.finalAcceptance.criteria ?? []).map((criterion) => ({
          criterion: criterion.code,
          met: true,
          finding: `${criterion.nameZh}：达到`,
        })),
      },
      ['AcceptanceOpinionFormed'],
    );
    await step(
      '/api/towns/{townId}/acceptance/deliberation',
      town('/acceptance/deliberation'),
      secretary,
      { accepted: true, minutesRef: 'minutes/2030-12/luxi' },
      ['AcceptanceDeliberated', 'TownClosed'],
    );

    await system.at('2030-12-20T10:00:00');
    const programme = await httpOfficials(system.http).get('/api/programme', auditor).expect(200);
    expect(contract.check('get', '/api/programme', programme)).toEqual([]);
    const closure = await step('/api/programme/closure', '/api/programme/closure', secretary, {}, [
      'ProgrammeClosed',
    ]);

    // The overview shows the projects, the money by source and the land granted.
    const overview = await request(system.http)
      .get('/api/programme/overview')
      .auth(auditor, { type: 'bearer' })
      .set('X-Min-Position', String((closure.body.positions as string[]).at(-1)))
      .expect(200);
    expect(contract.check('get', '/api/programme/overview', overview)).toEqual([]);
    expect(overview.body.projects).toEqual({
      projects: 2,
      completed: 1,
      inKeyProjectSchedule: 1,
      investmentPlannedYuan: 500_000_000,
      investmentCompletedYuan: 300_000_000,
      approvals: {
        greenChannel: { approvals: 1, medianDays: 7, maxDays: 7 },
        other: { approvals: 1, medianDays: 56, maxDays: 56 },
      },
    });
    expect(overview.body.funding).toMatchObject({
      byLevel: { county: 20_000_000, township: 0, city: 12_000_000 },
      cityRewardsPaidYuan: 2_000_000,
      cityFunds: [{ fund: 'sponge-towns', budgetYuan: 100_000_000, recordedYuan: 10_000_000 }],
    });
    expect(overview.body.land).toMatchObject({ grants: 3, areaMu: 360 });
    expect(overview.body.provincial).toMatchObject({ recommended: 1, listedByProvince: 1, targetMet: false });

    // The same rewards by the year they moved in and by county.
    const funds = await httpOfficials(system.http).get('/api/programme/funds', auditor).expect(200);
    expect(contract.check('get', '/api/programme/funds', funds)).toEqual([]);
    const byYear = funds.body.byYear as { year: number; committedYuan: number; paidYuan: number }[];
    expect(byYear.reduce((sum, row) => sum + row.paidYuan, 0)).toBe(2_000_000);
    expect(byYear[0]).toMatchObject({ year: 2027, committedYuan: 2_000_000, paidYuan: 1_000_000 });
    expect(funds.body.byCounty).toContainEqual(
      expect.objectContaining({
        county: 'luxi',
        nameZh: '芦溪县',
        committedYuan: 2_000_000,
        paidYuan: 2_000_000,
      }),
    );

    const history = await httpOfficials(system.http).get(town('/history'), auditor).expect(200);
    expect(contract.check('get', '/api/towns/{townId}/history', history)).toEqual([]);
    const events = history.body.events as { type: string; actor: { seat: string } }[];
    // Reminders come and go with the deadlines; every other fact is the life above, in order.
    expect(events.map((event) => event.type).filter((type) => type !== 'DeadlineReminderSent')).toEqual([
      'TownApplied',
      'TownListed',
      'RewardDue',
      'RewardPaid',
      'PlanSubmitted',
      'PlanReturned',
      'PlanSubmitted',
      'PlanApproved',
      ...['ProjectRegistered', 'ProjectRegistered', 'ProjectScheduledAsKey'],
      ...['ProjectApprovalRecorded', 'ProjectApprovalRecorded', 'FundingRecorded', 'FundingRecorded'],
      ...['YearlyReviewOpened', 'ProjectProgressRecorded', 'YearlyStatisticsSubmitted', 'TownRated'],
      'LandSupportGranted',
      'TownRecommendedToProvince',
      'ProvincialDecisionRecorded',
      ...['YearlyReviewOpened', 'ProjectProgressRecorded', 'YearlyStatisticsSubmitted', 'TownRated'],
      'LandSupportGranted',
      'TownNotRecommendedToProvince',
      'ProgressCheckPassed',
      'RewardDue',
      'RewardPaid',
      ...['YearlyReviewOpened', 'ProjectProgressRecorded', 'YearlyStatisticsSubmitted', 'TownRated'],
      'LandSupportGranted',
      'TownNotRecommendedToProvince',
      'FinalAcceptanceStarted',
      'SiteInspected',
      'SiteInspected',
      'AcceptanceOpinionFormed',
      'AcceptanceDeliberated',
      'TownClosed',
    ]);
    // The officials' steps carry their seats; the rest was set off by the calendar or other workflows.
    expect(events.find((event) => event.type === 'RewardPaid')?.actor.seat).toBe('finance-bureau');
    expect(events.find((event) => event.type === 'SiteInspected')?.actor.seat).toBe('member-unit-inspector');
    expect(events.find((event) => event.type === 'FinalAcceptanceStarted')?.actor.seat).toBe('system');
  });
});
