import { townDecider } from '../../../../domain/town';
import { pingxiang2017FirstEdition } from '../../../../domain/policy';
import type { RecordProjectApproval, TownCommand } from '../../../../domain/town';
import { contextFor, containing, underPingxiang } from '../../../helpers/given-when-then';
import { COUNTY, progress, TownStory } from './town-story';

const { given, at } = underPingxiang(townDecider);
const county = (now: string) => at(now, 'county-official', { county: COUNTY });
const office = (now: string) => at(now, 'joint-meeting-office');
const JULY = '2017-07-20T10:00:00+08:00';

const register = (projectId: string, investmentPlannedYuan = 300_000_000): TownCommand => ({
  type: 'RegisterProject',
  data: { projectId, name: `${projectId} 花炮文化街区`, investmentPlannedYuan },
});
const approval = (data: Partial<RecordProjectApproval['data']> = {}): RecordProjectApproval => ({
  type: 'RecordProjectApproval',
  data: {
    projectId: 'P-01',
    procedure: 'project-initiation',
    appliedOn: '2017-07-03',
    approvedOn: '2017-07-10',
    greenChannel: true,
    fastTrack: ['build-while-approving'],
    reference: '萍发改字〔2017〕21号',
    ...data,
  },
});
const progressOf = (projectId: string, investmentCompletedYuan: number, completed = false): TownCommand => ({
  type: 'RecordProjectProgress',
  data: { projectId, investmentCompletedYuan, completed },
});

describe('projects inside a town and the green channel (§III.2)', () => {
  const listed = TownStory.cultivating();
  const withProject = TownStory.cultivating().do(register('P-01'), JULY, 'county-official', COUNTY);

  it('the county registers a project with its planned investment, once', () => {
    const when = given(...listed.events).when(register(' P-01 '), county(JULY));
    when.then([
      {
        type: 'ProjectRegistered',
        data: { projectId: 'P-01', name: ' P-01  花炮文化街区'.trim(), investmentPlannedYuan: 300_000_000 },
      },
    ]);
    expect(when.stateAfter.projects).toEqual([
      {
        projectId: 'P-01',
        name: 'P-01  花炮文化街区',
        investmentPlannedYuan: 300_000_000,
        investmentCompletedYuan: 0,
        completed: false,
        keySchedule: null,
        approvals: [],
      },
    ]);
    given(...withProject.events)
      .when(register('P-01'), county(JULY))
      .thenRefused('PROJECT_ALREADY_REGISTERED');
  });

  it('refuses a project without a planned investment, from another county, before listing, or under a pack without the measures', () => {
    given(...listed.events)
      .when(register('P-02', 0), county(JULY))
      .thenRefused('AMOUNT_INVALID', { field: 'investmentPlannedYuan' });
    given(...listed.events)
      .when(register('P-02'), at(JULY, 'county-official', { county: 'luxi' }))
      .thenRefused('ACTOR_COUNTY_MISMATCH');
    given(...new TownStory().applied().events)
      .when(register('P-02'), county(JULY))
      .thenRefused('TOWN_NOT_LISTED');
    given(...TownStory.cultivating(pingxiang2017FirstEdition).events)
      .when(
        register('P-02'),
        contextFor(pingxiang2017FirstEdition)(JULY, 'county-official', { county: COUNTY }),
      )
      .thenRefused('MEASURES_NOT_IN_POLICY');
    const exited = TownStory.cultivating().rated(2017, 30);
    given(...exited.events)
      .when(register('P-02'), county('2017-12-28T10:00:00+08:00'))
      .thenRefused('TOWN_EXITED');
  });

  it('records each approval with the days it took, through the green channel or not', () => {
    const when = given(...withProject.events).when(approval(), office(JULY));
    when.then([
      {
        type: 'ProjectApprovalRecorded',
        data: {
          projectId: 'P-01',
          procedure: 'project-initiation',
          appliedOn: '2017-07-03',
          approvedOn: '2017-07-10',
          daysTaken: 7,
          greenChannel: true,
          fastTrack: ['build-while-approving'],
          reference: '萍发改字〔2017〕21号',
        },
      },
    ]);
    given(...withProject.events)
      .when(
        approval({
          procedure: 'land-use',
          appliedOn: '2017-05-31',
          approvedOn: '2017-07-19',
          greenChannel: false,
          fastTrack: [],
        }),
        office(JULY),
      )
      .thenMatches([
        { type: 'ProjectApprovalRecorded', data: containing({ daysTaken: 49, greenChannel: false }) },
      ]);
    given(...withProject.events, ...when.events)
      .when(approval(), office(JULY))
      .thenRefused('APPROVAL_ALREADY_RECORDED');
  });

  it('refuses an unknown procedure or method, fast tracks outside the green channel, and dates that cannot be', () => {
    const refused = (data: Partial<RecordProjectApproval['data']>, code: string, field?: string) =>
      given(...withProject.events)
        .when(approval(data), office(JULY))
        .thenRefused(code, field === undefined ? undefined : { field });
    refused({ procedure: 'demolition' }, 'APPROVAL_PROCEDURE_UNKNOWN', 'procedure');
    refused({ fastTrack: ['skip-everything'] }, 'FAST_TRACK_UNKNOWN', 'fastTrack');
    refused({ greenChannel: false }, 'FAST_TRACK_WITHOUT_GREEN_CHANNEL', 'fastTrack');
    refused({ approvedOn: '2017-07-01' }, 'APPROVAL_DATES_INVALID', 'approvedOn');
    refused({ approvedOn: '2017-07-21' }, 'APPROVAL_DATES_INVALID', 'approvedOn');
    refused({ appliedOn: '2017-02-30' }, 'INVALID_INSTANT', 'appliedOn');
    refused({ projectId: 'P-99' }, 'PROJECT_UNKNOWN');
    refused({ reference: ' ' }, 'REFERENCE_REQUIRED', 'reference');
    given(...withProject.events)
      .when(approval(), county(JULY))
      .thenRefused('ROLE_NOT_ALLOWED');
  });

  it('puts a project in the city’s key-project schedule once (§III.2 整体打包列入市重点项目调度)', () => {
    const scheduled = given(...withProject.events).when(
      { type: 'ScheduleKeyProject', data: { projectId: 'P-01', reference: '萍重点办〔2017〕5号' } },
      office(JULY),
    );
    scheduled.then([
      { type: 'ProjectScheduledAsKey', data: { projectId: 'P-01', reference: '萍重点办〔2017〕5号' } },
    ]);
    expect(scheduled.stateAfter.projects[0]?.keySchedule).toBe('萍重点办〔2017〕5号');
    given(...withProject.events, ...scheduled.events)
      .when({ type: 'ScheduleKeyProject', data: { projectId: 'P-01', reference: 'again' } }, office(JULY))
      .thenRefused('PROJECT_ALREADY_SCHEDULED');
  });

  it('keeps the investment completed cumulative', () => {
    const half = given(...withProject.events).when(progressOf('P-01', 150_000_000), county(JULY));
    half.then([
      {
        type: 'ProjectProgressRecorded',
        data: { projectId: 'P-01', investmentCompletedYuan: 150_000_000, completed: false },
      },
    ]);
    given(...withProject.events, ...half.events)
      .when(progressOf('P-01', 100_000_000), county(JULY))
      .thenRefused('PROJECT_PROGRESS_INVALID', { field: 'investmentCompletedYuan' });
    const done = given(...withProject.events).when(progressOf('P-01', 310_000_000, true), county(JULY));
    given(...withProject.events, ...done.events)
      .when(progressOf('P-01', 310_000_000, false), county(JULY))
      .thenRefused('PROJECT_PROGRESS_INVALID');
  });
});

describe('the yearly statistics take their project figures from the projects (§IV.3 项目推进情况)', () => {
  const projects = TownStory.cultivating()
    .do(register('P-01', 300_000_000), JULY, 'county-official', COUNTY)
    .do(register('P-02', 200_000_000), JULY, 'county-official', COUNTY)
    .do(progressOf('P-01', 300_000_000, true), '2017-11-20T10:00:00+08:00', 'county-official', COUNTY)
    .do(progressOf('P-02', 50_000_000), '2017-11-20T10:00:00+08:00', 'county-official', COUNTY)
    .reviewOpened(2017);
  const submit = (withFigures: boolean): TownCommand => ({
    type: 'SubmitYearlyStatistics',
    data: { year: 2017, statistics: { output: 1000 }, ...(withFigures ? { projectProgress: progress } : {}) },
  });
  const december = county('2017-12-10T10:00:00+08:00');

  it('reads the figures of the registered projects instead of typing them again', () => {
    given(...projects.events)
      .when(submit(false), december)
      .then([
        {
          type: 'YearlyStatisticsSubmitted',
          data: {
            year: 2017,
            statistics: { output: 1000 },
            projectProgress: {
              projectsPlanned: 2,
              projectsCompleted: 1,
              investmentPlannedYuan: 500_000_000,
              investmentCompletedYuan: 350_000_000,
            },
            projectProgressFrom: 'projects',
          },
        },
      ]);
    given(...projects.events)
      .when(submit(true), december)
      .thenRefused('PROJECT_PROGRESS_FROM_PROJECTS', { field: 'projectProgress' });
  });

  it('takes typed figures from a town with no project registered, and needs them', () => {
    const none = TownStory.cultivating().reviewOpened(2017);
    given(...none.events)
      .when(submit(true), december)
      .then([
        {
          type: 'YearlyStatisticsSubmitted',
          data: { year: 2017, statistics: { output: 1000 }, projectProgress: progress },
        },
      ]);
    given(...none.events)
      .when(submit(false), december)
      .thenRefused('PROJECT_PROGRESS_REQUIRED', { field: 'projectProgress' });
  });
});
