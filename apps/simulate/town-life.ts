/**
 * Everything officials do for one listed town, written into the agenda the day its list is published:
 * rewards paid, plans handled, yearly statistics, ratings and land support, the two-year check, the
 * observation re-check where the pack has one, and the final acceptance. Each step first reads the
 * town (a query), so a town that has exited or is waiting for something else is left alone, exactly
 * as an official looking at it would.
 */
import { isCultivationActive, type TownState } from '../../domain/town';
import { acceptanceOpinion, landGrant, seatHolders } from './programme-officials';
import { localDay, officeHours, yearOf } from './simulation-dates';
import { townState, type SimulationContext } from './simulation-context';
import { attempt } from './step-tally';
import type { SyntheticTown } from './synthetic-programme';

export function planTownLife(ctx: SimulationContext, town: SyntheticTown, listed: TownState): void {
  const { townId } = town.application;
  const schedule = listed.schedule;
  if (!schedule || !listed.listedAt) throw new RangeError(`${townId} is not listed`);
  const { agenda, officials, policy, tally } = ctx;
  const county = seatHolders.county(town.application.county);
  const act = (
    step: string,
    actor: Parameters<typeof officials.town>[1],
    command: Parameters<typeof officials.town>[2],
  ) => attempt(tally, step, officials.town(townId, actor, command));
  const when = async (check: (state: TownState) => boolean, step: () => Promise<unknown>): Promise<void> => {
    if (check(await townState(ctx, townId))) await step();
  };
  const active = isCultivationActive;

  const payWhenDue = (from: string, trigger: 'listed' | 'progress-check-passed'): void => {
    for (const reward of policy.rewards.filter((rule) => rule.trigger === trigger)) {
      const delay = town.paymentDelayDays[reward.code] ?? 0;
      agenda.add(officeHours(from, delay), `finance pays ${reward.code} rewards`, () =>
        when(
          (state) => state.rewards.some((r) => r.reward === reward.code && r.status === 'due'),
          () =>
            act('PayReward', seatHolders.finance, {
              type: 'PayReward',
              data: { reward: reward.code, paymentRef: `finance/${reward.code}/${townId}` },
            }),
        ),
      );
    }
  };
  payWhenDue(listed.listedAt, 'listed');

  // Plans: due within the pack's months of the list.
  const documents = Object.fromEntries(
    policy.planning.documents.map((document) => [document.code, `doc://${townId}/${document.code}`]),
  );
  const planDue = schedule.planDueAt;
  const awaiting = (state: TownState) =>
    active(state) && (state.plan.status === 'awaiting' || state.plan.status === 'returned');
  const submitted = (state: TownState) => active(state) && state.plan.status === 'submitted';
  const submit = (days: number) =>
    agenda.add(officeHours(planDue, days), 'counties submit plans', () =>
      when(awaiting, () => act('SubmitPlan', county, { type: 'SubmitPlan', data: { documents } })),
    );
  const approve = (days: number) =>
    agenda.add(officeHours(planDue, days), 'the office approves plans', () =>
      when(submitted, () => act('ApprovePlan', seatHolders.office, { type: 'ApprovePlan', data: {} })),
    );
  const { lateSubmission, maxExtensionMonths } = policy.planning;
  switch (town.plan) {
    case 'on-time':
      submit(-25);
      approve(-20);
      break;
    case 'returned':
      submit(-40);
      agenda.add(officeHours(planDue, -35), 'the office returns a plan', () =>
        when(submitted, () =>
          act('ReturnPlan', seatHolders.office, {
            type: 'ReturnPlan',
            data: { reasons: ['产业定位不清 / industry positioning unclear'] },
          }),
        ),
      );
      submit(-28);
      approve(-20);
      break;
    case 'late':
      if (lateSubmission === 'refuse') {
        // A pack that refuses late plans leaves the county one way: an extension asked for in time.
        if (maxExtensionMonths === 0) break;
        agenda.add(officeHours(planDue, -3), 'the office extends a plan deadline', () =>
          when(awaiting, () =>
            act('GrantPlanExtension', seatHolders.office, {
              type: 'GrantPlanExtension',
              data: { until: localDay(planDue, 20) },
            }),
          ),
        );
      }
      submit(5);
      approve(8);
      break;
    case 'never':
      break;
    default: {
      const _exhaustive: never = town.plan;
      return _exhaustive;
    }
  }

  // Yearly reviews (§IV.3): statistics, rating, land support from the next year.
  const { extensionDays } = policy.yearlyReview.missingStatistics;
  for (const review of schedule.reviews) {
    const conduct = town.reviews[review.year - ctx.firstYear];
    if (!conduct) continue;
    const reviewOf = (state: TownState) => state.reviews.find((candidate) => candidate.year === review.year);
    const open = (state: TownState) => active(state) && reviewOf(state)?.status === 'open';
    const submitStatistics = () =>
      act('SubmitYearlyStatistics', county, {
        type: 'SubmitYearlyStatistics',
        data: {
          year: review.year,
          statistics: { outputYuan: 10_000_000 * conduct.score, jobs: 10 * conduct.score },
          projectProgress: {
            projectsPlanned: 10,
            projectsCompleted: Math.round(conduct.score / 10),
            investmentPlannedYuan: 500_000_000,
            investmentCompletedYuan: 5_000_000 * conduct.score,
          },
        },
      });
    const statistics =
      conduct.statistics === 'extended' && extensionDays === 0 ? 'missing' : conduct.statistics;
    if (statistics === 'on-time') {
      agenda.add(officeHours(review.opensAt, 4), `counties report ${review.year} statistics`, () =>
        when(open, submitStatistics),
      );
    } else if (statistics === 'extended') {
      agenda.add(officeHours(review.statisticsDueAt, -1), 'the office extends statistics deadlines', () =>
        when(open, () =>
          act('GrantStatisticsExtension', seatHolders.office, {
            type: 'GrantStatisticsExtension',
            data: { year: review.year },
          }),
        ),
      );
      agenda.add(officeHours(review.statisticsDueAt, 2), 'late statistics come in', () =>
        when(open, submitStatistics),
      );
    }
    agenda.add(officeHours(review.statisticsDueAt, 3), `the office rates ${review.year}`, () =>
      when(
        (state) => active(state) && reviewOf(state)?.status === 'statistics-submitted',
        () =>
          act('RateTown', seatHolders.office, {
            type: 'RateTown',
            data: { year: review.year, score: conduct.score, assessment: `${review.year} review on site` },
          }),
      ),
    );
    const supportYear = review.year + 1;
    agenda.add(officeHours(`${supportYear}-01-10`), 'land support, observation re-checks', async () => {
      const state = await townState(ctx, townId);
      const { entitledYears, grantedYears } = state.landSupport;
      if (
        conduct.landSupportGranted &&
        state.exit === null &&
        entitledYears.includes(supportYear) &&
        !grantedYears.includes(supportYear)
      ) {
        await act('GrantLandSupport', seatHolders.land, {
          type: 'GrantLandSupport',
          data: landGrant(policy, supportYear, conduct.score),
        });
      }
      if (state.observation && active(state)) planRecheck(state.observation.recheckDueAt);
    });
  }

  function planRecheck(recheckDueAt: string): void {
    if (town.observationRecheck === 'missing') return;
    const passed = town.observationRecheck === 'pass';
    agenda.add(officeHours(recheckDueAt, -20), 'observation re-checks', () =>
      when(
        (state) => active(state) && state.observation?.recheckDueAt === recheckDueAt,
        () =>
          act('RecordObservationRecheck', seatHolders.office, {
            type: 'RecordObservationRecheck',
            data: { passed, findings: passed ? 'improved on re-check' : 'no improvement on re-check' },
          }),
      ),
    );
  }

  // The province answers each recommendation by the next June (§I.3): listed or not, by the town's draw.
  for (const review of schedule.reviews) {
    const answered = (state: TownState) =>
      state.provincial.decisions.some((decision) => decision.reviewYear === review.year);
    agenda.add(officeHours(`${review.year + 1}-06-15`), 'the province answers recommendations', () =>
      when(
        (state) =>
          state.status !== 'closed' &&
          state.provincial.recommendedYears.includes(review.year) &&
          !answered(state),
        () =>
          act('RecordProvincialDecision', seatHolders.office, {
            type: 'RecordProvincialDecision',
            data: {
              reviewYear: review.year,
              listed: town.provinceLists,
              reference: `province/${review.year}/${townId}`,
            },
          }),
      ),
    );
  }

  // The two-year progress check (§III.5), then reward 2.
  if (town.progressCheck !== 'not-held') {
    const checkAt = officeHours(schedule.progressCheckDueAt, -20);
    agenda.add(checkAt, 'two-year progress checks', () =>
      when(
        (state) => active(state) && state.progressCheck.status === 'pending',
        async () => {
          const state = await townState(ctx, townId);
          // Where the pack asks for an approved plan besides the schedule, a town without one fails.
          const planNeeded = policy.progressCheck.requiresApprovedPlan ?? true;
          const passed = town.progressCheck === 'pass' && (!planNeeded || state.plan.status === 'approved');
          const ok = await act('RecordProgressCheck', seatHolders.office, {
            type: 'RecordProgressCheck',
            data: { passed, findings: passed ? 'on schedule' : 'behind schedule' },
          });
          if (ok && passed) payWhenDue(checkAt, 'progress-check-passed');
        },
      ),
    );
  }

  // Final acceptance (§IV.4): member units inspect, the office forms its opinion, the joint meeting decides.
  const acceptanceYear = yearOf(schedule.finalAcceptanceStartsAt);
  agenda.add(officeHours(schedule.finalAcceptanceStartsAt, 2), `final acceptance ${acceptanceYear}`, () =>
    when(
      (state) => state.status === 'final-acceptance',
      async () => {
        for (const { unit, satisfactory } of town.inspections) {
          await act('RecordSiteInspection', seatHolders.inspector(unit), {
            type: 'RecordSiteInspection',
            data: {
              unit,
              satisfactory,
              findings: satisfactory ? 'meets the plan' : 'falls short of the plan',
            },
          });
        }
        const accept = town.inspections.every((inspection) => inspection.satisfactory);
        await act('FormAcceptanceOpinion', seatHolders.office, {
          type: 'FormAcceptanceOpinion',
          data: acceptanceOpinion(policy, accept, accept ? '达到验收要求' : '未达到验收要求'),
        });
        await act('RecordAcceptanceDeliberation', seatHolders.secretary, {
          type: 'RecordAcceptanceDeliberation',
          data: { accepted: accept !== town.overruled, minutesRef: `minutes/acceptance/${townId}` },
        });
      },
    ),
  );
}
