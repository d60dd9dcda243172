import { decideBatch, evolveBatch, initialBatchState } from '../../../../domain/batch';
import type { BatchEvent } from '../../../../domain/batch';
import {
  definePolicyPack,
  pingxiang2017,
  pingxiang2017Content,
  policyIssues,
  reminderDaysBefore,
} from '../../../../domain/policy';
import {
  decideProgramme,
  evolveProgramme,
  initialProgrammeState,
  type ProgrammeState,
} from '../../../../domain/programme';
import {
  nextReminders,
  pendingReminders,
  pendingRemindersWhenChanged,
  remindAtFor,
  reminderKey,
  upcomingDeadlines,
  type SendDeadlineReminder,
} from '../../../../domain/shared/deadline-reminders';
import { contextFor, specification } from '../../../helpers/given-when-then';
import { allowedTownCommands, townDecider } from '../../../../domain/town';
import { PLAN_DUE_2017, TownStory } from '../town/town-story';

const at = contextFor(pingxiang2017);
const remind = (deadline: string, dueAt: string, daysBefore: number): SendDeadlineReminder => ({
  type: 'SendDeadlineReminder',
  data: { deadline, dueAt, daysBefore },
});
/** 21 July 2017 00:00 Shanghai: a week before the plan's due day (28 July). */
const WEEK_BEFORE_PLAN = '2017-07-21T00:00:00+08:00';

describe('reminder offsets in the pack', () => {
  it('default to a week and a day before, and are never part of an existing pack’s hash', () => {
    expect(pingxiang2017.reminders).toBeUndefined();
    expect(reminderDaysBefore(pingxiang2017)).toEqual([7, 1]);
  });

  it('can be set per pack, largest first, and must not repeat', () => {
    const pack = definePolicyPack({
      ...pingxiang2017Content,
      id: 'with-reminders',
      reminders: { daysBefore: [3, 14] },
    });
    expect(reminderDaysBefore(pack)).toEqual([14, 3]);
    expect(pack.version).not.toBe(pingxiang2017.version);
    expect(policyIssues({ ...pingxiang2017Content, reminders: { daysBefore: [3, 3] } })).toEqual([
      { path: 'reminders.daysBefore', message: '3 days is listed twice' },
    ]);
    expect(policyIssues({ ...pingxiang2017Content, reminders: { daysBefore: [0] } })).toHaveLength(1);
  });
});

describe('which reminders are pending and due', () => {
  const plan = { name: 'plan-submission', dueAt: PLAN_DUE_2017 };

  it('falls at 00:00 Shanghai N days before the due day', () => {
    expect(remindAtFor(PLAN_DUE_2017, 7)).toBe('2017-07-20T16:00:00.000Z');
    expect(remindAtFor(PLAN_DUE_2017, 1)).toBe('2017-07-26T16:00:00.000Z');
  });

  it('lists every offset not yet settled, soonest first', () => {
    expect(pendingReminders([plan], {}, [7, 1]).map((r) => r.daysBefore)).toEqual([7, 1]);
    expect(
      pendingReminders([plan], { [`plan-submission@${PLAN_DUE_2017}`]: 7 }, [7, 1]).map((r) => r.daysBefore),
    ).toEqual([1]);
    expect(pendingReminders([plan], { [`plan-submission@${PLAN_DUE_2017}`]: 1 }, [7, 1])).toEqual([]);
  });

  it('schedules one per deadline: the nearest whose day has come, else the soonest to come; none once reached', () => {
    const pending = pendingReminders([plan], {}, [7, 1]);
    const next = (now: string) => nextReminders(pending, now).map((r) => r.daysBefore);
    expect(next('2017-07-10T00:00:00+08:00')).toEqual([7]);
    expect(next(WEEK_BEFORE_PLAN)).toEqual([7]);
    expect(next('2017-07-27T09:00:00+08:00')).toEqual([1]);
    expect(next(PLAN_DUE_2017)).toEqual([]);
  });

  it('are worked out again only when the deadlines or the reminders sent change, compared by content', () => {
    const pendingOf = pendingRemindersWhenChanged([7, 1]);
    const sent = {};
    const first = pendingOf([plan], sent);
    expect(first.map((r) => r.daysBefore)).toEqual([7, 1]);
    // evolve rebuilds the list after every event: a new array with the same deadlines is the same.
    expect(pendingOf([{ ...plan }], sent)).toBe(first);
    const extended = { ...plan, dueAt: '2017-08-28T00:00:00+08:00' };
    expect(pendingOf([extended], sent)[0]?.dueAt).toBe(extended.dueAt);
    const remindedAWeekBefore = { [reminderKey('plan-submission', extended.dueAt)]: 7 };
    expect(pendingOf([extended], remindedAWeekBefore).map((r) => r.daysBefore)).toEqual([1]);
  });

  it('answer the deadlines query with the deadlines and the reminders still to come under the pack', () => {
    const upcoming = upcomingDeadlines({ deadlines: [plan], remindersSent: {} }, pingxiang2017);
    expect(upcoming.deadlines).toEqual([plan]);
    expect(upcoming.reminders.map((r) => [r.deadline, r.daysBefore])).toEqual([
      ['plan-submission', 7],
      ['plan-submission', 1],
    ]);
  });
});

describe('SendDeadlineReminder on a town', () => {
  const given = specification(townDecider);
  const listed = new TownStory().applied().listed();

  it('records the reminder once the day has come, for the county’s plan deadline', () => {
    given(...listed.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 7), at(WEEK_BEFORE_PLAN, 'system'))
      .then([
        {
          type: 'DeadlineReminderSent',
          data: {
            deadline: 'plan-submission',
            dueAt: PLAN_DUE_2017,
            daysBefore: 7,
            remindAt: '2017-07-20T16:00:00.000Z',
          },
        },
      ]);
  });

  it('is refused before its day, and for an offset the pack does not have', () => {
    given(...listed.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 7), at('2017-07-20T23:59:59+08:00', 'system'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...listed.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 3), at(WEEK_BEFORE_PLAN, 'system'))
      .thenRefused('REMINDER_NOT_SCHEDULED', { daysBefore: 3 });
  });

  it('is the scheduler’s alone', () => {
    given(...listed.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 7), at(WEEK_BEFORE_PLAN, 'joint-meeting-office'))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('changes nothing when already sent, when the deadline is met or reached, or for a deadline it does not have', () => {
    const reminded = given(...listed.events).when(
      remind('plan-submission', PLAN_DUE_2017, 1),
      at('2017-07-27T08:00:00+08:00', 'system'),
    );
    expect(reminded.stateAfter.remindersSent).toEqual({ [`plan-submission@${PLAN_DUE_2017}`]: 1 });
    // The 1-day reminder settles the 7-day one too.
    given(...listed.events, ...reminded.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 7), at('2017-07-27T09:00:00+08:00', 'system'))
      .thenNothing();
    given(...listed.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 1), at(PLAN_DUE_2017, 'system'))
      .thenNothing();
    const submitted = new TownStory().applied().listed().planSubmitted('2017-07-01T10:00:00+08:00');
    given(...submitted.events)
      .when(remind('plan-submission', PLAN_DUE_2017, 7), at(WEEK_BEFORE_PLAN, 'system'))
      .thenNothing();
    given(...listed.events)
      .when(remind('progress-check', PLAN_DUE_2017, 7), at(WEEK_BEFORE_PLAN, 'system'))
      .thenNothing();
  });

  it('is never offered as a next step to anyone', () => {
    const allowed = allowedTownCommands(listed.state, { now: WEEK_BEFORE_PLAN, policy: pingxiang2017 });
    expect(Object.values(allowed).flat()).not.toContain('SendDeadlineReminder');
  });
});

describe('SendDeadlineReminder on a batch and on the programme', () => {
  const CLOSES = '2017-03-31T15:59:59.999Z';
  const opened: BatchEvent = {
    type: 'BatchOpened',
    data: {
      batchId: '2017',
      opensAt: '2017-02-28T16:00:00.000Z',
      closesAt: CLOSES,
      listDueAt: '2017-04-30T15:59:59.999Z',
      priorListedByCounty: {},
    },
  };

  it('reminds counties that the application window is about to close', () => {
    const state = evolveBatch(initialBatchState, opened);
    const events = decideBatch(
      remind('application-window', CLOSES, 7),
      state,
      at('2017-03-24T00:00:00+08:00', 'system'),
    );
    expect(events).toEqual([
      {
        type: 'DeadlineReminderSent',
        data: {
          deadline: 'application-window',
          dueAt: CLOSES,
          daysBefore: 7,
          remindAt: '2017-03-23T16:00:00.000Z',
        },
      },
    ]);
    expect(events.reduce(evolveBatch, state).remindersSent).toEqual({ [`application-window@${CLOSES}`]: 7 });
  });

  it('reminds before a programme’s batch opens', () => {
    const started: ProgrammeState = decideProgramme(
      { type: 'StartProgramme', data: { programmeId: 'pingxiang' } },
      initialProgrammeState,
      at('2017-01-01T00:00:00+08:00', 'system'),
    ).reduce(evolveProgramme, initialProgrammeState);
    const [first] = started.deadlines;
    expect(first?.name).toBe('batch-opens:2017');
    const events = decideProgramme(
      remind('batch-opens:2017', first?.dueAt ?? '', 1),
      started,
      at('2017-02-28T00:00:00+08:00', 'system'),
    );
    expect(events).toMatchObject([{ type: 'DeadlineReminderSent', data: { daysBefore: 1 } }]);
  });
});
