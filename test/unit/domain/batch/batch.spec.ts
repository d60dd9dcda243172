import { allowedBatchCommands, BatchEvent, SubmitApplication, batchDecider } from '../../../../domain/batch';
import {
  definePolicyPack,
  pingxiang2017,
  pingxiang2017Content,
  pingxiang2017FirstEdition,
} from '../../../../domain/policy';
import { contextFor, containing, containingItems, underPingxiang } from '../../../helpers/given-when-then';
import { batchOpened, received, scored } from './batch-events.fixtures';

const { given, at } = underPingxiang(batchDecider);
const CLOSES = '2017-03-31T15:59:59.999Z';

const opened: BatchEvent = batchOpened();
const closed: BatchEvent = { type: 'ApplicationWindowClosed', data: { closedAt: CLOSES, applications: 3 } };
const application = (townId: string, county = '上栗县'): SubmitApplication => ({
  type: 'SubmitApplication',
  data: { townId, name: `${townId} 小镇`, county, kind: 'administrative-town', industry: 'fireworks' },
});
const official = (county: string, now = '2017-03-20T10:00:00+08:00') =>
  at(now, 'county-official', { county });
/** The pack as first published, which capped applications too. */
const firstEditionOfficial = (county: string, now = '2017-03-20T10:00:00+08:00') =>
  contextFor(pingxiang2017FirstEdition)(now, 'county-official', { county });
/** A Shangli application as received on 20 March, with what the pack had it declare, if anything. */
const receivedOn20March = (
  townId: string,
  declared: { declaredConditions?: typeof declaredByApplying } = {},
): BatchEvent => ({
  type: 'ApplicationReceived',
  data: {
    townId,
    name: `${townId} 小镇`,
    county: 'shangli',
    kind: 'administrative-town',
    industry: 'fireworks',
    appliedAt: '2017-03-20T02:00:00.000Z',
    ...declared,
  },
});
/** What applying declares under the Pingxiang pack: every condition for an administrative town. */
const declaredByApplying = [
  'characteristic-industry',
  'not-manufacturing-led',
  'distinct-from-parks-and-scenic-areas',
  'concentrated-core-area',
  'market-led',
].map((code) => ({ code, statement: null }));

describe('OpenBatch', () => {
  it('opens with the window and list dates of the pack, and the towns earlier batches listed', () => {
    given()
      .when(
        {
          type: 'OpenBatch',
          data: { batchId: '2018', priorListedByCounty: { 上栗县: ['t-1'], luxi: ['t-2'] } },
        },
        at('2018-03-01T00:00:00+08:00', 'system'),
      )
      .then([
        {
          type: 'BatchOpened',
          data: {
            batchId: '2018',
            opensAt: '2018-02-28T16:00:00.000Z',
            closesAt: '2018-03-31T15:59:59.999Z',
            listDueAt: '2018-04-30T15:59:59.999Z',
            priorListedByCounty: { shangli: ['t-1'], luxi: ['t-2'] },
          },
        },
      ]);
  });

  it('is idempotent for its own batch and refuses another one, an unknown one, or a past one', () => {
    const system = at('2017-03-01T00:00:00+08:00', 'system');
    given(opened)
      .when({ type: 'OpenBatch', data: { batchId: '2017', priorListedByCounty: {} } }, system)
      .thenNothing();
    given(opened)
      .when({ type: 'OpenBatch', data: { batchId: '2018', priorListedByCounty: {} } }, system)
      .thenRefused('BATCH_MISMATCH');
    given()
      .when({ type: 'OpenBatch', data: { batchId: '2016', priorListedByCounty: {} } }, system)
      .thenRefused('BATCH_UNKNOWN');
    given()
      .when(
        { type: 'OpenBatch', data: { batchId: '2017', priorListedByCounty: {} } },
        at('2017-04-01T00:00:00+08:00', 'system'),
      )
      .thenRefused('APPLICATION_WINDOW_CLOSED');
    given()
      .when({ type: 'OpenBatch', data: { batchId: '2017', priorListedByCounty: { 火星: [] } } }, system)
      .thenRefused('COUNTY_UNKNOWN');
  });
});

describe('SubmitApplication: window and the county quota (§I.2: 1–2 per county)', () => {
  it('takes a county’s first and second application', () => {
    given(opened)
      .when(application('t-1'), official('shangli'))
      .then([receivedOn20March('t-1', { declaredConditions: declaredByApplying })]);
    given(opened, received('t-1'))
      .when(application('t-2'), official('shangli'))
      .thenMatches([{ type: 'ApplicationReceived' }]);
  });

  it('takes a county’s third application: §I.2 limits the towns listed, not the applications', () => {
    given(opened, received('t-1'), received('t-2'), received('t-9', 'luxi'))
      .when(application('t-3'), official('shangli'))
      .thenMatches([{ type: 'ApplicationReceived', data: containing({ townId: 't-3', county: 'shangli' }) }]);
  });

  it('under the first edition, refuses a county’s third application with COUNTY_QUOTA_FULL', () => {
    const refusal = given(opened, received('t-1'), received('t-2'), received('t-9', 'luxi'))
      .when(application('t-3'), firstEditionOfficial('shangli'))
      .thenRefused('COUNTY_QUOTA_FULL', {
        county: '上栗县',
        countyEn: 'Shangli County',
        countyCode: 'shangli',
        count: 2,
        max: 2,
      });
    expect(refusal.messageZh).toContain('上栗县');
  });

  it('under the first edition, counts towns listed in an earlier batch against applications', () => {
    const batch2 = batchOpened({ shangli: ['t-1'] }, '2018');
    const now = '2018-03-20T10:00:00+08:00';
    given(batch2)
      .when(application('t-5'), firstEditionOfficial('shangli', now))
      .thenMatches([{ type: 'ApplicationReceived' }]);
    given(batch2, received('t-5'))
      .when(application('t-6'), firstEditionOfficial('shangli', now))
      .thenRefused('COUNTY_QUOTA_FULL', { count: 2 });
    given(batch2, received('t-5'))
      .when(application('t-6'), official('shangli', now))
      .thenMatches([{ type: 'ApplicationReceived' }]);
    given(batch2).when(application('t-1'), official('shangli', now)).thenRefused('TOWN_ALREADY_APPLIED');
  });

  it('the application cap and the quota are pack parameters', () => {
    const three = definePolicyPack({
      ...pingxiang2017Content,
      id: 'three-per-county',
      quota: { minTownsPerCounty: 1, maxTownsPerCounty: 3, applications: 'within-listing-quota' },
    });
    const threeAt = contextFor(three);
    given(opened, received('t-1'), received('t-2'), received('t-3'))
      .when(
        application('t-4'),
        threeAt('2017-03-20T10:00:00+08:00', 'county-official', { county: 'shangli' }),
      )
      .thenRefused('COUNTY_QUOTA_FULL', { count: 3, max: 3 });
    given(opened, received('t-1'), received('t-2'))
      .when(
        application('t-3'),
        threeAt('2017-03-20T10:00:00+08:00', 'county-official', { county: 'shangli' }),
      )
      .thenMatches([{ type: 'ApplicationReceived' }]);
  });

  it('refuses outside the window, before opening, duplicates, unknown fields and other counties’ officials', () => {
    given(opened)
      .when(application('t-1'), official('shangli', '2017-04-01T00:00:00+08:00'))
      .thenRefused('APPLICATION_WINDOW_CLOSED', { closesAt: CLOSES });
    given(opened, closed)
      .when(application('t-1'), official('shangli', '2017-03-31T12:00:00+08:00'))
      .thenRefused('APPLICATION_WINDOW_CLOSED');
    given(opened)
      .when(application('t-1'), official('shangli', '2017-02-20T10:00:00+08:00'))
      .thenRefused('APPLICATION_WINDOW_NOT_OPEN');
    given().when(application('t-1'), official('shangli')).thenRefused('BATCH_NOT_OPEN');
    given(opened, received('t-1'))
      .when(application('t-1'), official('shangli'))
      .thenRefused('TOWN_ALREADY_APPLIED');
    given(opened)
      .when(application('t-1', '宜春'), official('shangli'))
      .thenRefused('COUNTY_UNKNOWN', { field: 'county' });
    given(opened)
      .when(
        { ...application('t-1'), data: { ...application('t-1').data, industry: 'steel' } },
        official('shangli'),
      )
      .thenRefused('INDUSTRY_UNKNOWN');
    given(opened)
      .when(
        {
          ...application('t-1'),
          data: { ...application('t-1').data, kind: 'park' as 'administrative-town' },
        },
        official('shangli'),
      )
      .thenRefused('KIND_UNKNOWN');
    given(opened)
      .when({ ...application('t-1'), data: { ...application('t-1').data, name: '' } }, official('shangli'))
      .thenRefused('NAME_REQUIRED');
    given(opened).when(application('t-1'), official('anyuan')).thenRefused('ACTOR_COUNTY_MISMATCH');
    given(opened)
      .when(application('t-1'), at('2017-03-20T10:00:00+08:00', 'joint-meeting-office'))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('SubmitApplication: industries (§II.2 "等") and declared conditions (§IV.1 申报条件)', () => {
  const with_ = (data: Partial<SubmitApplication['data']>): SubmitApplication => ({
    type: 'SubmitApplication',
    data: { ...application('t-1').data, ...data },
  });

  it('takes an industry outside the list as `other`, with what it is', () => {
    given(opened)
      .when(with_({ industry: 'other', industryDescription: '  竹编工艺  ' }), official('shangli'))
      .thenMatches([
        {
          type: 'ApplicationReceived',
          data: containing({ industry: 'other', industryDescription: '竹编工艺' }),
        },
      ]);
    given(opened)
      .when(with_({ industry: 'other' }), official('shangli'))
      .thenRefused('INDUSTRY_DESCRIPTION_REQUIRED', { field: 'industryDescription' });
    given(opened)
      .when(with_({ industryDescription: '花炮' }), official('shangli'))
      .thenRefused('INDUSTRY_DESCRIPTION_NOT_EXPECTED', { field: 'industryDescription' });
    // The first edition read the list as closed.
    given(opened)
      .when(with_({ industry: 'other', industryDescription: '竹编工艺' }), firstEditionOfficial('shangli'))
      .thenRefused('INDUSTRY_UNKNOWN', { field: 'industry' });
  });

  it('records the conditions the applicant declares, with its statements, by the kind of candidate', () => {
    const platform = given(opened).when(
      with_({
        kind: 'innovation-platform',
        declarations: { 'distinct-from-towns-and-parks': '独立运营的创业园区，非行政建制' },
      }),
      official('shangli'),
    );
    const declared = (platform.events[0]?.data as { declaredConditions?: unknown[] }).declaredConditions;
    expect(declared).toHaveLength(6);
    expect(declared).toContainEqual({
      code: 'distinct-from-towns-and-parks',
      statement: '独立运营的创业园区，非行政建制',
    });
    given(opened)
      .when(with_({ declarations: { 'distinct-from-towns-and-parks': 'x' } }), official('shangli'))
      .thenRefused('CONDITION_UNKNOWN', { field: 'declarations.distinct-from-towns-and-parks' });
    // A pack without conditions records none.
    given(opened)
      .when(with_({}), firstEditionOfficial('shangli'))
      .then([receivedOn20March('t-1')]);
  });
});

describe('CloseApplicationWindow (fired at the end of March)', () => {
  it('closes at the deadline, once', () => {
    given(opened, received('t-1'))
      .when({ type: 'CloseApplicationWindow', data: {} }, at(CLOSES, 'system'))
      .then([{ type: 'ApplicationWindowClosed', data: { closedAt: CLOSES, applications: 1 } }]);
    given(opened, closed)
      .when({ type: 'CloseApplicationWindow', data: {} }, at(CLOSES, 'system'))
      .thenNothing();
    given(opened)
      .when({ type: 'CloseApplicationWindow', data: {} }, at('2017-03-31T15:59:59.998Z', 'system'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given()
      .when({ type: 'CloseApplicationWindow', data: {} }, at(CLOSES, 'system'))
      .thenRefused('BATCH_NOT_OPEN');
  });

  it('is the open batch’s pending deadline', () => {
    expect(given(opened).state.deadlines).toEqual([
      { name: 'application-window', dueAt: CLOSES, command: { type: 'CloseApplicationWindow', data: {} } },
    ]);
    expect(given(opened, closed).state.deadlines).toEqual([
      { name: 'list-publication', dueAt: '2017-04-30T15:59:59.999Z', command: null },
    ]);
  });
});

describe('RecordDefenceScore (competitive defence, criteria and weights from the pack)', () => {
  const office = at('2017-04-10T10:00:00+08:00', 'joint-meeting-office');
  const scores = {
    planning: 80,
    industry: 90,
    environment: 70,
    culture: 60,
    facilities: 50,
    institutions: 100,
  };
  const conditions = Object.fromEntries(declaredByApplying.map(({ code }) => [code, true]));

  it('weights each criterion by the pack', () => {
    // 80×15 + 90×25 + 70×15 + 60×15 + 50×15 + 100×15 = 7650 → 76.5
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores, conditions } }, office)
      .then([
        {
          type: 'DefenceScored',
          data: {
            townId: 't-1',
            scores,
            weights: {
              planning: 15,
              industry: 25,
              environment: 15,
              culture: 15,
              facilities: 15,
              institutions: 15,
            },
            weightedScore: 76.5,
            conditions,
          },
        },
      ]);
  });

  it('records the office confirming or rejecting each declared condition, all of them', () => {
    const rejected = { ...conditions, 'not-manufacturing-led': false };
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores, conditions: rejected } }, office)
      .thenMatches([{ type: 'DefenceScored', data: containing({ conditions: rejected }) }]);
    const { 'market-led': _missing, ...incomplete } = conditions;
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores, conditions: incomplete } }, office)
      .thenRefused('CONDITIONS_MISMATCH', { field: 'conditions' });
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores } }, office)
      .thenRefused('CONDITIONS_MISMATCH');
    // The first edition sets no conditions: the defence scores the criteria only.
    given(opened, received('t-1'), closed)
      .when(
        { type: 'RecordDefenceScore', data: { townId: 't-1', scores } },
        contextFor(pingxiang2017FirstEdition)('2017-04-10T10:00:00+08:00', 'joint-meeting-office'),
      )
      .thenMatches([{ type: 'DefenceScored', data: containing({ weightedScore: 76.5 }) }]);
  });

  it('refuses missing or extra criteria, scores out of range, unknown applicants and scoring while the window is open', () => {
    const { institutions: _dropped, ...missing } = scores;
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores: missing } }, office)
      .thenRefused('SCORE_CRITERIA_MISMATCH');
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores: { ...scores, charm: 10 } } }, office)
      .thenRefused('SCORE_CRITERIA_MISMATCH');
    given(opened, received('t-1'), closed)
      .when(
        { type: 'RecordDefenceScore', data: { townId: 't-1', scores: { ...scores, industry: 101 } } },
        office,
      )
      .thenRefused('SCORE_OUT_OF_RANGE', { criterion: 'industry' });
    given(opened, received('t-1'), closed)
      .when({ type: 'RecordDefenceScore', data: { townId: 't-9', scores } }, office)
      .thenRefused('APPLICATION_UNKNOWN');
    given(opened, received('t-1'))
      .when({ type: 'RecordDefenceScore', data: { townId: 't-1', scores } }, office)
      .thenRefused('APPLICATION_WINDOW_STILL_OPEN');
  });
});

describe('DecideList and PublishList (the joint meeting)', () => {
  const decideList = (listed: string[]) => ({ type: 'DecideList' as const, data: { listed } });
  /** A decided list that leaves `townId` off for `reason`, whatever else it says. */
  const leavingOff = (townId: string, reason: string) => [
    {
      type: 'ListDecided' as const,
      data: containing({ notListed: containingItems([containing({ townId, reason })]) }),
    },
  ];
  const secretary = at('2017-04-25T10:00:00+08:00', 'joint-meeting-secretary');
  const defended = [
    opened,
    received('t-1'),
    received('t-2'),
    received('t-3', 'luxi'),
    closed,
    scored('t-1', 80),
    scored('t-2', 85.5),
    scored('t-3', 60),
  ];

  it('lists the chosen towns by score and explains the others', () => {
    given(...defended)
      .when(decideList(['t-1', 't-2']), secretary)
      .then([
        {
          type: 'ListDecided',
          data: {
            listed: [
              { townId: 't-2', county: 'shangli', weightedScore: 85.5 },
              { townId: 't-1', county: 'shangli', weightedScore: 80 },
            ],
            notListed: [{ townId: 't-3', county: 'luxi', weightedScore: 60, reason: 'not-selected' }],
          },
        },
      ]);
  });

  it('refuses a list before every applicant was defended, with unknown towns, or over the county quota', () => {
    given(...defended.slice(0, 6))
      .when(decideList(['t-1']), secretary)
      .thenRefused('DEFENCE_INCOMPLETE', { townIds: ['t-2', 't-3'] });
    given(...defended)
      .when(decideList(['t-7']), secretary)
      .thenRefused('APPLICATION_UNKNOWN');
    const prior = batchOpened({ shangli: ['t-0'] });
    given(prior, received('t-1'), closed, scored('t-1', 90))
      .when(decideList(['t-1']), secretary)
      .thenMatches([{ type: 'ListDecided' }]);
    given(prior, received('t-1'), received('t-2', 'shangli'), closed, scored('t-1', 90), scored('t-2', 90))
      .when(decideList(['t-1', 't-2']), secretary)
      .thenRefused('COUNTY_QUOTA_FULL', { count: 3, max: 2 });
  });

  it('lists no town the office found not to meet a condition, and says so of it', () => {
    const unmet: BatchEvent = {
      type: 'DefenceScored',
      data: {
        townId: 't-3',
        scores: {},
        weights: {},
        weightedScore: 95,
        conditions: { 'market-led': true, 'not-manufacturing-led': false },
      },
    };
    given(...defended.slice(0, 7), unmet)
      .when(decideList(['t-3']), secretary)
      .thenRefused('CONDITIONS_NOT_MET', { townId: 't-3', conditions: ['not-manufacturing-led'] });
    given(...defended.slice(0, 7), unmet)
      .when(decideList(['t-2']), secretary)
      .thenMatches(leavingOff('t-3', 'conditions-not-met'));
  });

  it('applies a passing score and a per-batch maximum when the pack sets them', () => {
    const strict = definePolicyPack({
      ...pingxiang2017Content,
      id: 'strict-selection',
      selection: { ...pingxiang2017Content.selection, passingScore: 70, maxListedPerBatch: 1 },
    });
    const strictAt = contextFor(strict)('2017-04-25T10:00:00+08:00', 'joint-meeting-secretary');
    given(...defended)
      .when(decideList(['t-3']), strictAt)
      .thenRefused('BELOW_PASSING_SCORE', { townId: 't-3', passingScore: 70 });
    given(...defended)
      .when(decideList(['t-1', 't-2']), strictAt)
      .thenRefused('BATCH_LIST_FULL', { max: 1 });
    given(...defended)
      .when(decideList(['t-2']), strictAt)
      .thenMatches(leavingOff('t-3', 'below-passing-score'));
  });

  it('publishes the decided list once, flagging a publication after the pack’s date', () => {
    const decided = [...defended, ...given(...defended).when(decideList(['t-2']), secretary).events];
    const when = given(...decided).when(
      { type: 'PublishList', data: {} },
      at('2017-04-28T10:00:00+08:00', 'joint-meeting-secretary'),
    );
    when.thenMatches([
      {
        type: 'ListPublished',
        data: containing({ publishedAt: '2017-04-28T02:00:00.000Z', late: false }),
      },
    ]);
    expect(when.stateAfter.status).toBe('published');
    given(...decided)
      .when({ type: 'PublishList', data: {} }, at('2017-05-02T10:00:00+08:00', 'joint-meeting-secretary'))
      .thenMatches([{ type: 'ListPublished', data: containing({ late: true }) }]);
    given(...decided, ...when.events)
      .when({ type: 'PublishList', data: {} }, secretary)
      .thenRefused('LIST_ALREADY_PUBLISHED');
    given(...defended)
      .when({ type: 'PublishList', data: {} }, secretary)
      .thenRefused('LIST_NOT_DECIDED');
    given(...decided)
      .when(decideList([]), secretary)
      .thenRefused('LIST_ALREADY_DECIDED');
    given(...decided)
      .when({ type: 'PublishList', data: {} }, at('2017-04-28T10:00:00+08:00', 'joint-meeting-office'))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('allowedBatchCommands', () => {
  it('follows the batch through its phases', () => {
    const open = given(opened).state;
    expect(
      allowedBatchCommands(open, {
        now: '2017-03-10T10:00:00+08:00',
        policy: pingxiang2017,
        county: 'shangli',
      })['county-official'],
    ).toEqual(['SubmitApplication']);
    expect(allowedBatchCommands(open, { now: CLOSES, policy: pingxiang2017 }).system).toEqual([
      'CloseApplicationWindow',
    ]);
    // Two applications from one county: the quota limits listing, so a third may still apply; the
    // first edition capped applications.
    const full = given(opened, received('t-1'), received('t-2')).state;
    const applying = (policy: typeof pingxiang2017) =>
      allowedBatchCommands(full, { now: '2017-03-10T10:00:00+08:00', policy, county: 'shangli' })[
        'county-official'
      ];
    expect(applying(pingxiang2017)).toEqual(['SubmitApplication']);
    expect(applying(pingxiang2017FirstEdition)).toEqual([]);
    const afterClose = given(opened, received('t-1'), closed).state;
    const result = allowedBatchCommands(afterClose, {
      now: '2017-04-10T10:00:00+08:00',
      policy: pingxiang2017,
    });
    expect(result['joint-meeting-office']).toEqual(['RecordDefenceScore']);
    expect(result['joint-meeting-secretary']).toEqual([]);
    const scoredState = given(opened, received('t-1'), closed, scored('t-1', 70)).state;
    expect(
      allowedBatchCommands(scoredState, { now: '2017-04-20T10:00:00+08:00', policy: pingxiang2017 })[
        'joint-meeting-secretary'
      ],
    ).toEqual(['DecideList']);
  });
});
