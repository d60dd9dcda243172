/**
 * N towns through the whole lifecycle on the product's workflows, as officials would take them: every
 * town applies in the first window, is scored and listed, paid, plans on time, reports and is rated
 * excellent every year, gets land support, passes its two-year check, is paid again, and is inspected
 * and accepted at the end. Deadlines, reminders and the programme's rounds fire by themselves in
 * between. Officials work `concurrency` towns at a time.
 */
import { toEpochMs } from '../../domain/calendar/instant';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { TownCommand } from '../../domain/town';
import {
  acceptanceOpinion,
  landGrant,
  programmeOfficials,
  seatHolders,
  type TownApplication,
} from '../../apps/simulate/programme-officials';
import { officeHours } from '../../apps/simulate/simulation-dates';
import type { TimeSkippingWorld } from '../../apps/simulate/time-skipping-world';
import { forEachLimit } from './concurrency';
import { elapsedMs, splitTimer, type LifecycleRun, type PhaseRecord } from './lifecycle-run';

const DEFENCE_SCORE = 80;
const REVIEW_SCORE = 90;

export async function runRealLifecycle(
  world: TimeSkippingWorld,
  policy: PolicyPack,
  options: { readonly towns: number; readonly programmeId: string; readonly concurrency: number },
  onPhase: (label: string) => void = () => undefined,
): Promise<LifecycleRun & { readonly townIds: readonly string[]; readonly endOffsetMs: number }> {
  const { programmeId, concurrency } = options;
  const batch = policy.batches[0];
  if (!batch) throw new RangeError('A pack always has a batch');
  const officials = programmeOfficials(world.client, programmeId, world.taskQueue);
  const towns: TownApplication[] = Array.from({ length: options.towns }, (_, index) => {
    const county = policy.counties[index % policy.counties.length];
    const industry = policy.industries[index % policy.industries.length];
    if (!county || !industry) throw new RangeError('A pack always has counties and industries');
    return {
      townId: `${programmeId}-${String(index + 1).padStart(4, '0')}`,
      name: `${county.nameZh}${industry.nameZh}小镇`,
      county: county.code,
      kind: 'administrative-town',
      industry: industry.code,
    };
  });
  const phases: PhaseRecord[] = [];
  const { split, time } = splitTimer();
  let updates = 0;
  const act = (town: TownApplication, actor: Parameters<typeof officials.town>[1], command: TownCommand) => {
    updates += 1;
    return officials.town(town.townId, actor, command);
  };
  const startedAt = await world.now();
  // An official's step: one update, its append a local activity (decision 0132).
  const officialsStep = { localActivities: 1, activities: 0 } as const;
  const phase = async (
    at: string,
    label: string,
    steps: readonly ((town: TownApplication) => Promise<unknown>)[],
    updates: PhaseRecord['updates'] = steps.map(() => officialsStep),
  ): Promise<void> => {
    await time('skipping', () => world.advanceTo(at));
    const offsetMs = toEpochMs(at) - toEpochMs(startedAt);
    phases.push({ label, offsetMs, updates });
    onPhase(label);
    await time('steps', () =>
      forEachLimit(towns, concurrency, async (town) => {
        for (const step of steps) await step(town);
      }),
    );
  };
  const county = (town: TownApplication) => seatHolders.county(town.county);

  const started = process.hrtime.bigint();
  await officials.startProgramme(policy);
  await phase(
    officeHours(batch.applicationOpensOn, 4),
    'apply (batch update)',
    [
      (town) => {
        updates += 2;
        return officials.apply(batch.id, town);
      },
    ],
    // The batch's update (its append, then the start of the town's workflow), then the town's own.
    [{ localActivities: 1, activities: 1 }, officialsStep],
  );
  await phase(officeHours(batch.applicationClosesOn, 5), 'defence score (batch update)', [
    (town) => {
      updates += 1;
      return officials.scoreDefence(policy, batch.id, town, DEFENCE_SCORE);
    },
  ]);
  updates += 2;
  await officials.decideList(
    batch.id,
    towns.map((town) => town.townId),
  );
  await officials.publishList(batch.id);
  await world.settle();
  // Every town was listed at the same instant: one schedule serves them all.
  const first = towns[0];
  const schedule = first ? (await officials.townView(first.townId)).state.schedule : null;
  if (!schedule) throw new Error('The first benchmark town was not listed');
  const { planDueAt, progressCheckDueAt, reviews, finalAcceptanceStartsAt } = schedule;
  const pay = (reward: string) => (town: TownApplication) =>
    act(town, seatHolders.finance, {
      type: 'PayReward',
      data: { reward, paymentRef: `finance/${reward}/${town.townId}` },
    });

  // The rest in date order: a town's second-year review comes before its two-year check.
  type Step = (town: TownApplication) => Promise<unknown>;
  const later: [string, string, Step[]][] = [];
  later.push([officeHours(batch.applicationClosesOn, 12), 'pay listing reward', [pay('listing')]]);
  const documents = Object.fromEntries(policy.planning.documents.map((d) => [d.code, `doc://${d.code}`]));
  later.push([
    officeHours(planDueAt, -25),
    'submit plan',
    [(town) => act(town, county(town), { type: 'SubmitPlan', data: { documents } })],
  ]);
  later.push([
    officeHours(planDueAt, -20),
    'approve plan',
    [(town) => act(town, seatHolders.office, { type: 'ApprovePlan', data: {} })],
  ]);
  for (const { year, opensAt, statisticsDueAt } of reviews) {
    later.push([
      officeHours(opensAt, 4),
      `statistics ${year}`,
      [
        (town) =>
          act(town, county(town), {
            type: 'SubmitYearlyStatistics',
            data: {
              year,
              statistics: { outputYuan: 900_000_000, jobs: 900 },
              projectProgress: {
                projectsPlanned: 10,
                projectsCompleted: 6,
                investmentPlannedYuan: 500_000_000,
                investmentCompletedYuan: 300_000_000,
              },
            },
          }),
      ],
    ]);
    later.push([
      officeHours(statisticsDueAt, 3),
      `rate ${year}`,
      [
        (town) =>
          act(town, seatHolders.office, {
            type: 'RateTown',
            data: { year, score: REVIEW_SCORE, assessment: `${year} review` },
          }),
      ],
    ]);
    later.push([
      officeHours(`${year + 1}-01-10`),
      `land support ${year + 1}`,
      [
        (town) =>
          act(town, seatHolders.land, { type: 'GrantLandSupport', data: landGrant(policy, year + 1) }),
      ],
    ]);
  }
  const checkAt = officeHours(progressCheckDueAt, -20);
  later.push([
    checkAt,
    'progress check',
    [
      (town) =>
        act(town, seatHolders.office, {
          type: 'RecordProgressCheck',
          data: { passed: true, findings: 'on schedule' },
        }),
    ],
  ]);
  later.push([officeHours(checkAt, 7), 'pay progress reward', [pay('progress')]]);
  const units = policy.memberUnits
    .slice(0, policy.finalAcceptance.minInspectingUnits)
    .map((unit) => unit.code);
  later.push([
    officeHours(finalAcceptanceStartsAt, 2),
    'final acceptance',
    [
      ...units.map(
        (unit) => (town: TownApplication) =>
          act(town, seatHolders.inspector(unit), {
            type: 'RecordSiteInspection',
            data: { unit, satisfactory: true, findings: 'meets the plan' },
          }),
      ),
      (town) =>
        act(town, seatHolders.office, {
          type: 'FormAcceptanceOpinion',
          data: acceptanceOpinion(policy, true, '达到验收要求'),
        }),
      (town) =>
        act(town, seatHolders.secretary, {
          type: 'RecordAcceptanceDeliberation',
          data: { accepted: true, minutesRef: `minutes/${town.townId}` },
        }),
    ],
  ]);
  later.sort(([a], [b]) => toEpochMs(a) - toEpochMs(b));
  for (const [at, label, steps] of later) await phase(at, label, steps);
  const closeAt = officeHours(finalAcceptanceStartsAt, 19);
  await time('skipping', () => world.advanceTo(closeAt));
  updates += 1;
  await time('steps', () => officials.closeProgramme());
  await time('skipping', () => world.settle());
  return {
    towns: towns.length,
    wallMs: elapsedMs(started),
    updates,
    startedAt,
    phases,
    split,
    endOffsetMs: toEpochMs(closeAt) - toEpochMs(startedAt),
    townIds: towns.map((town) => town.townId),
  };
}
