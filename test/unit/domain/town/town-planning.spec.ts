import { townDecider } from '../../../../domain/town';
import { addMinutes } from '../../../../domain/calendar';
import { jiangxiStyleObservation } from '../../../../domain/policy';
import type { SubmitPlan } from '../../../../domain/town';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';
import { COUNTY, PLAN_DUE_2017, TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const strictAt = contextFor(jiangxiStyleObservation);
const submit: SubmitPlan = {
  type: 'SubmitPlan',
  data: { documents: { 'special-plan': 'doc://special', 'work-plan': 'doc://work' } },
};
const county = (now: string) => at(now, 'county-official', { county: COUNTY });
const office = (now: string) => at(now, 'joint-meeting-office');
const system = (now: string) => at(now, 'system');
const listed = new TownStory().applied().listed();

describe('SubmitPlan (§IV.2: special plan and work plan within 3 months of the list)', () => {
  it('takes the plan on time up to the last millisecond of the due day', () => {
    given(...listed.events)
      .when(submit, county(PLAN_DUE_2017))
      .then([
        {
          type: 'PlanSubmitted',
          data: {
            documents: submit.data.documents,
            dueAt: PLAN_DUE_2017,
            submittedAt: PLAN_DUE_2017,
            late: false,
          },
        },
      ]);
  });

  it('Pingxiang: a plan one minute after the deadline is taken but marked late', () => {
    const oneMinuteLate = addMinutes(PLAN_DUE_2017, 1);
    const when = given(...listed.events).when(submit, county(oneMinuteLate));
    when.thenMatches([{ type: 'PlanSubmitted', data: containing({ late: true, dueAt: PLAN_DUE_2017 }) }]);
    expect(when.stateAfter.plan).toMatchObject({ status: 'submitted', submittedLate: true });
  });

  it('observation-list pack: a plan one minute after the deadline is refused with PLAN_DEADLINE_PASSED', () => {
    const strict = new TownStory(jiangxiStyleObservation).applied().listed();
    given(...strict.events)
      .when(submit, strictAt(addMinutes(PLAN_DUE_2017, 1), 'county-official', { county: COUNTY }))
      .thenRefused('PLAN_DEADLINE_PASSED', { dueAt: PLAN_DUE_2017 });
  });

  it('refuses a plan missing one of the two documents, or with documents the pack does not ask for', () => {
    given(...listed.events)
      .when(
        { type: 'SubmitPlan', data: { documents: { 'special-plan': 'doc://special' } } },
        county('2017-06-01T10:00:00+08:00'),
      )
      .thenRefused('PLAN_DOCUMENTS_INCOMPLETE', { documents: ['special-plan', 'work-plan'] });
    given(...listed.events)
      .when(
        { type: 'SubmitPlan', data: { documents: { ...submit.data.documents, brochure: 'doc://b' } } },
        county('2017-06-01T10:00:00+08:00'),
      )
      .thenRefused('PLAN_DOCUMENTS_INCOMPLETE');
  });

  it('refuses a plan from another county, before listing, or once submitted', () => {
    given(...listed.events)
      .when(submit, at('2017-06-01T10:00:00+08:00', 'county-official', { county: 'anyuan' }))
      .thenRefused('ACTOR_COUNTY_MISMATCH');
    given(...new TownStory().applied().events)
      .when(submit, county('2017-06-01T10:00:00+08:00'))
      .thenRefused('TOWN_NOT_LISTED');
    const submitted = new TownStory().applied().listed().planSubmitted('2017-06-01T10:00:00+08:00');
    given(...submitted.events)
      .when(submit, county('2017-06-02T10:00:00+08:00'))
      .thenRefused('PLAN_NOT_EXPECTED');
  });
});

describe('MarkPlanOverdue (silent in the document: notice and escalation by default)', () => {
  it('is a pending deadline of a listed town', () => {
    expect(listed.state.deadlines[0]).toEqual({
      name: 'plan-submission',
      dueAt: PLAN_DUE_2017,
      command: { type: 'MarkPlanOverdue', data: {} },
    });
  });

  it('sends the overdue notice to the county and escalates to the joint-meeting office', () => {
    const when = given(...listed.events).when({ type: 'MarkPlanOverdue', data: {} }, system(PLAN_DUE_2017));
    when.then([
      {
        type: 'PlanOverdue',
        data: { dueAt: PLAN_DUE_2017, noticeTo: COUNTY, escalatedTo: 'joint-meeting-office' },
      },
    ]);
    expect(when.stateAfter.deadlines.map((deadline) => deadline.name)).not.toContain('plan-submission');
  });

  it('does nothing when the plan is in, or the notice was already sent', () => {
    const submitted = new TownStory().applied().listed().planSubmitted('2017-07-01T10:00:00+08:00');
    given(...submitted.events)
      .when({ type: 'MarkPlanOverdue', data: {} }, system(PLAN_DUE_2017))
      .thenNothing();
    const noticed = new TownStory()
      .applied()
      .listed()
      .do({ type: 'MarkPlanOverdue', data: {} }, PLAN_DUE_2017, 'system');
    given(...noticed.events)
      .when({ type: 'MarkPlanOverdue', data: {} }, system(addMinutes(PLAN_DUE_2017, 5)))
      .thenNothing();
  });

  it('refuses to fire before the deadline or from a person', () => {
    given(...listed.events)
      .when({ type: 'MarkPlanOverdue', data: {} }, system('2017-07-28T23:59:59.998+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED', { dueAt: PLAN_DUE_2017 });
    given(...listed.events)
      .when({ type: 'MarkPlanOverdue', data: {} }, office(PLAN_DUE_2017))
      .thenRefused('ROLE_NOT_ALLOWED');
  });
});

describe('GrantPlanExtension', () => {
  it('lets the office extend once, within the pack’s maximum, and a strict pack then takes the plan', () => {
    const strict = new TownStory(jiangxiStyleObservation)
      .applied()
      .listed()
      .do({ type: 'MarkPlanOverdue', data: {} }, PLAN_DUE_2017, 'system');
    const extension = { type: 'GrantPlanExtension' as const, data: { until: '2017-08-15' } };
    const when = given(...strict.events).when(
      extension,
      strictAt('2017-07-30T10:00:00+08:00', 'joint-meeting-office'),
    );
    when.then([
      {
        type: 'PlanDeadlineExtended',
        data: { previousDueAt: PLAN_DUE_2017, dueAt: '2017-08-15T15:59:59.999Z' },
      },
    ]);
    const extended = [...strict.events, ...when.events];
    given(...extended)
      .when(submit, strictAt('2017-08-10T10:00:00+08:00', 'county-official', { county: COUNTY }))
      .thenMatches([{ type: 'PlanSubmitted', data: containing({ late: false }) }]);
    given(...extended)
      .when(
        { type: 'GrantPlanExtension', data: { until: '2017-08-20' } },
        strictAt('2017-08-01T10:00:00+08:00', 'joint-meeting-office'),
      )
      .thenRefused('EXTENSION_NOT_ALLOWED');
  });

  it('refuses an extension past the maximum, into the past, or malformed', () => {
    const office1 = office('2017-07-20T10:00:00+08:00');
    given(...listed.events)
      .when({ type: 'GrantPlanExtension', data: { until: '2017-08-29' } }, office1)
      .thenRefused('EXTENSION_TOO_LONG', { latest: '2017-08-28T15:59:59.999Z' });
    given(...listed.events)
      .when({ type: 'GrantPlanExtension', data: { until: '2017-07-01' } }, office1)
      .thenRefused('EXTENSION_NOT_ALLOWED');
    given(...listed.events)
      .when({ type: 'GrantPlanExtension', data: { until: 'August' } }, office1)
      .thenRefused('INVALID_INSTANT');
  });
});

describe('ApprovePlan and ReturnPlan', () => {
  const submitted = new TownStory().applied().listed().planSubmitted('2017-07-01T10:00:00+08:00');

  it('approval starts cultivation', () => {
    const when = given(...submitted.events).when(
      { type: 'ApprovePlan', data: { note: 'ok' } },
      office('2017-07-05T10:00:00+08:00'),
    );
    when.then([{ type: 'PlanApproved', data: { note: 'ok' } }]);
    expect(when.stateAfter.status).toBe('cultivating');
  });

  it('a returned plan is due again within a month (default)', () => {
    const when = given(...submitted.events).when(
      { type: 'ReturnPlan', data: { reasons: ['industry positioning unclear'] } },
      office('2017-07-05T10:00:00+08:00'),
    );
    when.then([
      {
        type: 'PlanReturned',
        data: { reasons: ['industry positioning unclear'], resubmitDueAt: '2017-08-05T15:59:59.999Z' },
      },
    ]);
    expect(when.stateAfter.deadlines[0]).toMatchObject({
      name: 'plan-resubmission',
      dueAt: '2017-08-05T15:59:59.999Z',
    });
    given(...submitted.events, ...when.events)
      .when(submit, county('2017-08-01T10:00:00+08:00'))
      .thenMatches([
        {
          type: 'PlanSubmitted',
          data: containing({ dueAt: '2017-08-05T15:59:59.999Z', late: false }),
        },
      ]);
  });

  it('refuses a return without reasons, and a review of a plan not submitted', () => {
    given(...submitted.events)
      .when({ type: 'ReturnPlan', data: { reasons: [' '] } }, office('2017-07-05T10:00:00+08:00'))
      .thenRefused('REASONS_REQUIRED');
    given(...listed.events)
      .when({ type: 'ApprovePlan', data: {} }, office('2017-07-05T10:00:00+08:00'))
      .thenRefused('PLAN_NOT_SUBMITTED');
    given(...listed.events)
      .when({ type: 'ReturnPlan', data: { reasons: ['x'] } }, office('2017-07-05T10:00:00+08:00'))
      .thenRefused('PLAN_NOT_SUBMITTED');
  });
});
