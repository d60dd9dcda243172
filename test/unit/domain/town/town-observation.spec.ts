import { townDecider } from '../../../../domain/town';
import { jiangxiStyleObservation } from '../../../../domain/policy';
import { contextFor, specification, containing } from '../../../helpers/given-when-then';
import { TownStory } from './town-story';

/** The second pack: an unqualified rating puts the town on an observation list first. */
const given = specification(townDecider);
const at = contextFor(jiangxiStyleObservation);
const office = (now: string) => at(now, 'joint-meeting-office');
const system = (now: string) => at(now, 'system');

describe('observation list (pack parameter yearlyReview.observation)', () => {
  const observed = TownStory.underObservationPack().rated(2017, 40);

  it('an unqualified town is placed under observation instead of exiting, re-check due a year later', () => {
    const submitted = TownStory.underObservationPack().reviewOpened(2017).statisticsSubmitted(2017);
    given(...submitted.events)
      .when(
        { type: 'RateTown', data: { year: 2017, score: 40, assessment: 'behind schedule' } },
        office('2017-12-20T10:00:00+08:00'),
      )
      .thenMatches([
        {
          type: 'TownRated',
          data: containing({
            rating: 'unqualified',
            consequence: 'observation',
            landSupportYear: null,
          }),
        },
        {
          type: 'TownPlacedUnderObservation',
          data: { year: 2017, recheckDueAt: '2018-12-20T15:59:59.999Z' },
        },
      ]);
    expect(observed.state.status).toBe('cultivating');
    expect(observed.state.observation).toEqual({ sinceYear: 2017, recheckDueAt: '2018-12-20T15:59:59.999Z' });
    expect(observed.state.rewards.find((reward) => reward.reward === 'progress')?.status).toBe('pending');
    expect(observed.state.deadlines.map((deadline) => deadline.name)).toContain('observation-recheck');
  });

  it('a passed re-check takes it off the list', () => {
    const when = given(...observed.events).when(
      { type: 'RecordObservationRecheck', data: { passed: true, findings: 'caught up' } },
      office('2018-11-01T10:00:00+08:00'),
    );
    when.then([{ type: 'ObservationLifted', data: { findings: 'caught up', recheckHeld: true } }]);
    expect(when.stateAfter.observation).toBeNull();
  });

  it('a failed re-check removes it: exit, support ends on 1 January next year', () => {
    given(...observed.events)
      .when(
        { type: 'RecordObservationRecheck', data: { passed: false, findings: 'still behind' } },
        office('2018-11-01T10:00:00+08:00'),
      )
      .then([
        {
          type: 'TownExited',
          data: {
            reason: 'observation-recheck-failed',
            year: 2018,
            exitedAt: '2018-11-01T02:00:00.000Z',
            supportEndsAt: '2018-12-31T16:00:00.000Z',
          },
        },
        {
          type: 'RewardForfeited',
          data: { reward: 'progress', amountYuan: 1_000_000, reason: 'town-exited' },
        },
      ]);
  });

  it('no re-check by the due date: the pack says exit', () => {
    given(...observed.events)
      .when({ type: 'ExpireObservationRecheck', data: {} }, system('2018-12-20T23:59:59.999+08:00'))
      .thenMatches([
        { type: 'TownExited', data: containing({ reason: 'observation-recheck-missed' }) },
        { type: 'RewardForfeited' },
      ]);
    given(...observed.events)
      .when({ type: 'ExpireObservationRecheck', data: {} }, system('2018-12-01T10:00:00+08:00'))
      .thenRefused('DEADLINE_NOT_REACHED');
    given(...TownStory.underObservationPack().events)
      .when({ type: 'ExpireObservationRecheck', data: {} }, system('2018-12-21T10:00:00+08:00'))
      .thenNothing();
  });

  it('a second failing rating while under observation removes it', () => {
    const again = TownStory.underObservationPack().rated(2017, 40).rated(2018, 30);
    expect(again.state.status).toBe('exited');
    expect(again.state.exit).toMatchObject({
      reason: 'rated-again-under-observation',
      supportEndsAt: '2018-12-31T16:00:00.000Z',
    });
  });

  it('refuses a re-check of a town not under observation', () => {
    given(...TownStory.underObservationPack().events)
      .when(
        { type: 'RecordObservationRecheck', data: { passed: true, findings: '' } },
        office('2018-11-01T10:00:00+08:00'),
      )
      .thenRefused('NOT_UNDER_OBSERVATION');
  });

  it('the Pingxiang pack, with the same decider, exits the town at once', () => {
    const pingxiang = TownStory.cultivating().rated(2017, 40);
    expect(pingxiang.state.status).toBe('exited');
    expect(pingxiang.state.observation).toBeNull();
  });
});
