import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { simulate } from '../../../apps/simulate/run-simulation';
import type { SimulationReport } from '../../../apps/simulate/simulation-report';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import { testTemporal, uniqueTaskQueue } from '../../helpers/test-env';

const projectRoot = resolve(__dirname, '..', '..', '..');
const small = { policyId: 'pingxiang-2017', towns: 12, seed: 3 } as const;

/** The CLI as a user runs it, on the bundle the test run already built. */
function simulateCli(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'apps/simulate/main.ts', ...args],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const data = <T>(event: RecordedEvent): T => event.data as T;
const yuan = (
  events: readonly RecordedEvent[],
  type: string,
  filter: (event: RecordedEvent) => boolean = () => true,
) =>
  events
    .filter((event) => event.type === type && filter(event))
    .reduce((sum, event) => sum + data<{ amountYuan: number }>(event).amountYuan, 0);

/**
 * A small synthetic programme on the time-skipping server: its report must be what the event store
 * says happened, and must depend on the seed and on nothing else.
 */
describe('simulation of a whole programme', () => {
  let world: TimeSkippingWorld;
  let report: SimulationReport;
  let events: RecordedEvent[];

  beforeAll(async () => {
    // The simulation's own world; half a minute without an append is the test server stalling.
    world = await startTimeSkippingWorld({
      workflowBundlePath: testTemporal().workflowBundlePath,
      taskQueue: uniqueTaskQueue('simulation'),
      stallAfterMs: 30_000,
    });
    report = await simulate(world, small);
    events = await world.store.readAll();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('takes every application requested; the county quota limits the towns listed (§I.2)', () => {
    expect(report.applications.submitted).toBe(small.towns);
    expect(report.applications.recorded).toBe(small.towns);
    expect(report.applications.refused).toEqual({});
    expect(events.filter((event) => event.type === 'ApplicationReceived')).toHaveLength(
      report.applications.recorded,
    );
    // Two towns at most per county in the programme, a town that exited giving its place back.
    const countyOf = new Map(
      events
        .filter((event) => event.type === 'TownApplied')
        .map((event) => [event.stream, data<{ county: string }>(event).county]),
    );
    const perCounty = (type: string) => {
      const counts: Record<string, number> = {};
      for (const event of events.filter((candidate) => candidate.type === type)) {
        const county = countyOf.get(event.stream) ?? '?';
        counts[county] = (counts[county] ?? 0) + 1;
      }
      return counts;
    };
    const exited = perCounty('TownExited');
    for (const [county, listed] of Object.entries(perCounty('TownListed'))) {
      expect(listed).toBeLessThanOrEqual(2 + (exited[county] ?? 0));
    }
    expect(events.filter((event) => event.type === 'TownApplied')).toHaveLength(report.applications.recorded);
    expect(report.stepsRefused).toEqual({});
  });

  it('reports the funds the store records: paid, committed, forfeited and not earned, per kind', () => {
    const { byKind, total } = report.rewards;
    expect(total.paidYuan).toBe(yuan(events, 'RewardPaid'));
    expect(total.paidYuan).toBeGreaterThan(0);
    for (const kind of byKind) {
      const ofKind = (event: RecordedEvent) => data<{ reward: string }>(event).reward === kind.reward;
      expect(kind.paidYuan).toBe(yuan(events, 'RewardPaid', ofKind));
      // Committed: every reward that fell due, less what was lost when support ended unpaid.
      const lostUnpaid = (event: RecordedEvent) =>
        ofKind(event) && data<{ reason: string }>(event).reason === 'support-ended';
      expect(kind.committedYuan).toBe(
        yuan(events, 'RewardDue', ofKind) - yuan(events, 'RewardForfeited', lostUnpaid),
      );
      expect(kind.forfeitedYuan).toBe(yuan(events, 'RewardForfeited', ofKind));
      expect(kind.notEarnedYuan).toBe(yuan(events, 'RewardNotEarned', ofKind));
    }
  });

  it('reports the ratings, exits, land support, recommendations and acceptance the store records', () => {
    const count = (type: string, filter: (event: RecordedEvent) => boolean = () => true) =>
      events.filter((event) => event.type === type && filter(event)).length;
    const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
    for (const rating of ['excellent', 'qualified', 'unqualified']) {
      expect(sum(report.ratingsByYear.map((year) => year.ratings[rating] ?? 0))).toBe(
        count('TownRated', (event) => data<{ rating: string }>(event).rating === rating),
      );
    }
    expect(sum(report.ratingsByYear.map((year) => year.missingStatistics))).toBe(
      count('TownRated', (event) => data<{ basis: string }>(event).basis === 'missing-statistics'),
    );
    expect(sum(report.exitsByYear.map((year) => year.exits))).toBe(count('TownExited'));
    expect(report.landSupport.grantedYears).toBe(count('LandSupportGranted'));
    expect(report.provincial.recommended).toBe(count('TownRecommendedToProvince'));
    expect(report.provincial.listedByProvince).toBe(
      count('ProvincialDecisionRecorded', (event) => data<{ listed: boolean }>(event).listed),
    );
    expect(count('ProvincialDecisionRecorded')).toBeGreaterThan(0);
    expect(report.selection.listed).toBe(count('TownListed'));
    expect(report.finalAcceptance.accepted).toBe(
      count('AcceptanceDeliberated', (event) => data<{ accepted: boolean }>(event).accepted),
    );
    expect(report.finalAcceptance.notAccepted).toBe(
      count('AcceptanceDeliberated', (event) => !data<{ accepted: boolean }>(event).accepted),
    );
    expect(report.eventsStored).toBe(events.length);
    expect(report.outcomes['closed-accepted']).toBe(report.finalAcceptance.accepted);
  });

  it('prints the same report for the same seed from the command line, with --json', async () => {
    const bundle = testTemporal().workflowBundlePath;
    const run = await simulateCli(['--towns', '12', '--seed', '3', '--json', '--workflow-bundle', bundle]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(report);
  });

  it('tells a different programme for a different seed', async () => {
    // The same world, later on its clock: the rehearsal opens four years on, so only the calendar may
    // differ by date; everything else differs because the seed does.
    const other = await simulate(world, { ...small, seed: 4 });
    const { calendar: _calendar, seed: _seed, ...rest } = other;
    const { calendar: _first, seed: _firstSeed, ...firstRest } = report;
    expect(rest).not.toEqual(firstRest);
    expect(other.calendar.firstWindowOpensOn > report.calendar.firstWindowOpensOn).toBe(true);
  });
});
