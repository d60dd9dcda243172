import { pingxiang2017, pingxiang2017FirstEdition } from '../../../../domain/policy';
import { allowedTownCommands, townDecider } from '../../../../domain/town';
import { containing, contextFor, underPingxiang } from '../../../helpers/given-when-then';
import {
  acceptanceOpinion,
  ACCEPTANCE_CRITERIA,
  APPLIED_2018,
  PUBLISHED_2018,
  TownStory,
} from './town-story';

const { given, at } = underPingxiang(townDecider);
const START = '2020-12-01T00:00:00+08:00';
const inspect = (unit: string, satisfactory = true) => ({
  type: 'RecordSiteInspection' as const,
  data: { unit, satisfactory, findings: `${unit} visited` },
});

/** The opinion recommending acceptance after the construction and development-reform inspections. */
const acceptedAsMeetingTargets = (
  findings: { findings?: Record<string, { met: boolean; finding: string }> } = {},
) => ({
  type: 'AcceptanceOpinionFormed' as const,
  data: {
    recommendation: 'accept' as const,
    opinion: 'meets targets',
    inspectingUnits: ['construction', 'development-reform'],
    ...findings,
  },
});

/** A batch-1 town through its three yearly reviews. */
const batch1 = TownStory.cultivating().rated(2017, 80).rated(2018, 86).rated(2019, 90);

describe('StartFinalAcceptance (§IV.4, end of 2020)', () => {
  it('starts on 1 December 2020 in Shanghai and counts the reviews held', () => {
    given(...batch1.events)
      .when({ type: 'StartFinalAcceptance', data: {} }, at(START, 'system'))
      .then([
        { type: 'FinalAcceptanceStarted', data: { startedAt: '2020-11-30T16:00:00.000Z', reviewsHeld: 3 } },
      ]);
    given(...batch1.events)
      .when({ type: 'StartFinalAcceptance', data: {} }, at('2020-11-30T23:59:59+08:00', 'system'))
      .thenRefused('DEADLINE_NOT_REACHED');
  });

  it('is not held for a town that exited', () => {
    const exited = TownStory.cultivating().rated(2017, 10);
    given(...exited.events)
      .when({ type: 'StartFinalAcceptance', data: {} }, at(START, 'system'))
      .thenRefused('TOWN_EXITED');
  });
});

describe('inspection → opinion → deliberation', () => {
  const started = TownStory.cultivating().rated(2017, 80).acceptanceStarted();
  const inspectorOf = (unit: string) => at('2020-12-05T10:00:00+08:00', 'member-unit-inspector', { unit });
  const inspector = inspectorOf('construction');
  const office = at('2020-12-10T10:00:00+08:00', 'joint-meeting-office');
  const secretary = at('2020-12-20T10:00:00+08:00', 'joint-meeting-secretary');
  const inspected = new TownStory()
    .applied()
    .listed()
    .planApproved()
    .acceptanceStarted()
    .inspected('construction', '2020-12-03T10:00:00+08:00')
    .inspected('市发改委', '2020-12-04T10:00:00+08:00');
  const opinion = new TownStory()
    .applied()
    .listed()
    .planApproved()
    .acceptanceStarted()
    .inspected('construction', '2020-12-03T10:00:00+08:00')
    .inspected('planning', '2020-12-04T10:00:00+08:00', false)
    .do(
      acceptanceOpinion('reject', 'core area unfinished'),
      '2020-12-10T10:00:00+08:00',
      'joint-meeting-office',
    );

  it.each([
    {
      refusal: 'a second inspection by one unit',
      history: inspected,
      command: inspect('construction'),
      ctx: inspector,
      code: 'INSPECTION_ALREADY_RECORDED',
      details: undefined,
    },
    {
      refusal: 'a unit that is not a member',
      history: started,
      command: inspect('市教育局'),
      ctx: inspectorOf('市教育局'),
      code: 'MEMBER_UNIT_UNKNOWN',
      details: undefined,
    },
    {
      refusal: 'an inspection before acceptance started',
      history: batch1,
      command: inspect('construction'),
      ctx: inspector,
      code: 'ACCEPTANCE_NOT_STARTED',
      details: undefined,
    },
    {
      refusal: 'an inspection of another unit',
      history: started,
      command: inspect('planning'),
      ctx: inspectorOf('construction'),
      code: 'ACTOR_UNIT_MISMATCH',
      details: { unit: 'planning', actorUnit: 'construction' },
    },
    {
      refusal: 'an inspection by an inspector without a unit',
      history: started,
      command: inspect('planning'),
      ctx: at('2020-12-05T10:00:00+08:00', 'member-unit-inspector'),
      code: 'ACTOR_UNIT_MISMATCH',
      details: { unit: 'planning', actorUnit: null },
    },
    {
      refusal: 'a second opinion',
      history: opinion,
      command: acceptanceOpinion('accept', 'x'),
      ctx: office,
      code: 'OPINION_ALREADY_FORMED',
      details: undefined,
    },
    {
      refusal: 'an inspection after the opinion',
      history: opinion,
      command: inspect('finance'),
      ctx: inspector,
      code: 'OPINION_ALREADY_FORMED',
      details: undefined,
    },
    {
      refusal: 'a deliberation without an opinion',
      history: inspected,
      command: { type: 'RecordAcceptanceDeliberation' as const, data: { accepted: true, minutesRef: 'JM' } },
      ctx: secretary,
      code: 'OPINION_MISSING',
      details: undefined,
    },
  ])('refuses $refusal with $code', ({ history, command, ctx, code, details }) => {
    given(...history.events)
      .when(command, ctx)
      .thenRefused(code, details);
  });

  it('member units record site inspections, one each, named by code or Chinese name', () => {
    given(...started.events)
      .when(inspect('市建设局'), inspectorOf('市建设局'))
      .then([
        {
          type: 'SiteInspected',
          data: {
            unit: 'construction',
            satisfactory: true,
            findings: '市建设局 visited',
            inspectorId: 'member-unit-inspector-user',
          },
        },
      ]);
  });

  it('an inspector records their own unit’s inspection only, and one without a unit none', () => {
    given(...started.events)
      .when(inspect('planning'), inspectorOf('市规划局'))
      .thenMatches([{ type: 'SiteInspected', data: containing({ unit: 'planning' }) }]);
  });

  it('lists an inspector’s own unit only among their next steps', () => {
    const allowed = (unit?: string) =>
      allowedTownCommands(started.state, {
        now: '2020-12-05T10:00:00+08:00',
        policy: pingxiang2017,
        seat: 'member-unit-inspector',
        ...(unit === undefined ? {} : { unit }),
      })['member-unit-inspector'];
    expect(allowed('construction')).toEqual(['RecordSiteInspection']);
    expect(allowed('construction')).toEqual(allowed());
    const allInspected = pingxiang2017.memberUnits.reduce(
      (story, unit, index) => story.inspected(unit.code, `2020-12-0${2 + (index % 7)}T10:00:00+08:00`),
      TownStory.cultivating().rated(2017, 80).do({ type: 'StartFinalAcceptance', data: {} }, START, 'system'),
    );
    expect(
      allowedTownCommands(allInspected.state, {
        now: '2020-12-09T10:00:00+08:00',
        policy: pingxiang2017,
        seat: 'member-unit-inspector',
        unit: 'construction',
      })['member-unit-inspector'],
    ).toEqual([]);
  });

  it('the office forms the opinion once enough units have inspected', () => {
    given(...started.events)
      .when(acceptanceOpinion('accept', 'meets targets'), office)
      .thenRefused('INSPECTIONS_INCOMPLETE', { min: 2, count: 0 });
    given(...inspected.events)
      .when(acceptanceOpinion('accept', 'meets targets'), office)
      .then([
        acceptedAsMeetingTargets({
          findings: Object.fromEntries(
            ACCEPTANCE_CRITERIA.map((code) => [code, { met: true, finding: `${code}: meets targets` }]),
          ),
        }),
      ]);
  });

  it('assesses each of §IV.4’s four criteria, and recommends acceptance only when all are met', () => {
    given(...inspected.events)
      .when(acceptanceOpinion('accept', 'mostly there', ['renown']), office)
      .thenRefused('ACCEPTANCE_CRITERIA_NOT_MET', { criteria: ['renown'] });
    given(...inspected.events)
      .when(acceptanceOpinion('reject', 'not yet known', ['renown']), office)
      .thenMatches([{ type: 'AcceptanceOpinionFormed' }]);
    const { recognition: _missing, ...three } = acceptanceOpinion('accept', 'x').data.findings ?? {};
    given(...inspected.events)
      .when(
        { type: 'FormAcceptanceOpinion', data: { recommendation: 'accept', opinion: 'x', findings: three } },
        office,
      )
      .thenRefused('ACCEPTANCE_FINDINGS_MISMATCH', { field: 'findings' });
    given(...inspected.events)
      .when(
        { type: 'FormAcceptanceOpinion', data: { recommendation: 'accept', opinion: 'one free text' } },
        office,
      )
      .thenRefused('ACCEPTANCE_FINDINGS_MISMATCH');
    const blank = acceptanceOpinion('accept', 'x');
    given(...inspected.events)
      .when(
        {
          ...blank,
          data: { ...blank.data, findings: { ...blank.data.findings, renown: { met: true, finding: ' ' } } },
        },
        office,
      )
      .thenRefused('REFERENCE_REQUIRED', { field: 'findings.renown.finding' });
  });

  it('under the first edition, takes the opinion as one free text', () => {
    const firstEdition = new TownStory(pingxiang2017FirstEdition)
      .applied()
      .listed()
      .planApproved()
      .acceptanceStarted()
      .inspected('construction', '2020-12-03T10:00:00+08:00')
      .inspected('development-reform', '2020-12-04T10:00:00+08:00');
    given(...firstEdition.events)
      .when(
        { type: 'FormAcceptanceOpinion', data: { recommendation: 'accept', opinion: 'meets targets' } },
        contextFor(pingxiang2017FirstEdition)('2020-12-10T10:00:00+08:00', 'joint-meeting-office'),
      )
      .then([acceptedAsMeetingTargets()]);
  });

  it('the joint meeting deliberates and the town is closed, accepted or not', () => {
    const when = given(...opinion.events).when(
      { type: 'RecordAcceptanceDeliberation', data: { accepted: false, minutesRef: 'JM-2020-12' } },
      secretary,
    );
    when.then([
      { type: 'AcceptanceDeliberated', data: { accepted: false, minutesRef: 'JM-2020-12' } },
      { type: 'TownClosed', data: { outcome: 'not-accepted' } },
    ]);
    expect(when.stateAfter.status).toBe('closed');
    expect(when.stateAfter.acceptance?.outcome).toBe('not-accepted');
    given(...opinion.events, ...when.events)
      .when(
        { type: 'RecordSiteInspection', data: { unit: 'finance', satisfactory: true, findings: '' } },
        inspector,
      )
      .thenRefused('TOWN_CLOSED');
  });

  it('refuses a deliberation without minutes', () => {
    const withOpinion = [
      ...inspected.events,
      ...given(...inspected.events).when(acceptanceOpinion('accept', 'fine'), office).events,
    ];
    given(...withOpinion)
      .when({ type: 'RecordAcceptanceDeliberation', data: { accepted: true, minutesRef: ' ' } }, secretary)
      .thenRefused('REFERENCE_REQUIRED', { field: 'minutesRef' });
  });
});

describe('a batch-2 town reaches final acceptance at the end of 2020 with fewer reviews', () => {
  const batch2 = new TownStory()
    .applied('2018', APPLIED_2018)
    .listed('2018', PUBLISHED_2018)
    .planApproved('2018-07-01T10:00:00+08:00')
    .rated(2018, 88)
    .rated(2019, 92);

  it('is reviewed in 2018 and 2019 only, against 2017–2019 for batch 1', () => {
    expect(batch2.state.reviews.map((review) => review.year)).toEqual([2018, 2019]);
    expect(batch1.state.reviews.map((review) => review.year)).toEqual([2017, 2018, 2019]);
    expect(batch2.state.schedule?.planDueAt).toBe('2018-07-27T15:59:59.999Z');
    expect(batch2.state.schedule?.progressCheckDueAt).toBe('2020-04-27T15:59:59.999Z');
  });

  it('has the same final acceptance date and goes through it to closed', () => {
    expect(batch2.state.deadlines.at(-1)).toEqual({
      name: 'final-acceptance',
      dueAt: '2020-11-30T16:00:00.000Z',
      command: { type: 'StartFinalAcceptance', data: {} },
    });
    const closed = batch2
      .do(
        { type: 'RecordProgressCheck', data: { passed: true, findings: 'on schedule' } },
        '2020-03-01T10:00:00+08:00',
        'joint-meeting-office',
      )
      .acceptanceStarted()
      .inspected('construction', '2020-12-03T10:00:00+08:00')
      .inspected('tourism', '2020-12-03T11:00:00+08:00')
      .do(acceptanceOpinion('accept', 'targets met'), '2020-12-10T10:00:00+08:00', 'joint-meeting-office')
      .do(
        { type: 'RecordAcceptanceDeliberation', data: { accepted: true, minutesRef: 'JM-2020-12' } },
        '2020-12-28T10:00:00+08:00',
        'joint-meeting-secretary',
      );
    expect(closed.events.find((event) => event.type === 'FinalAcceptanceStarted')?.data).toEqual({
      startedAt: '2020-11-30T16:00:00.000Z',
      reviewsHeld: 2,
    });
    expect(closed.state).toMatchObject({
      status: 'closed',
      acceptance: { outcome: 'accepted' },
      deadlines: [],
    });
    expect(closed.state.landSupport.entitledYears).toEqual([2019, 2020]);
    expect(closed.state.rewards.map((reward) => [reward.reward, reward.status])).toEqual([
      ['listing', 'due'],
      ['progress', 'due'],
    ]);
  });
});
