/**
 * "What may each seat do next with this town?" Answered by asking the decider itself with a
 * representative command per step, so the answer can never disagree with what `decide` accepts.
 */
import { isAfter } from '../calendar/instant';
import { addDays, formatLocalDate, localDateOf } from '../calendar/shanghai-calendar';
import type { PolicyPack } from '../policy/policy-pack.schema';
import { isDomainRefusal } from '../shared/domain-refusal';
import { perSeat, Seat } from '../shared/seats';
import type { TownCommand, TownCommandType } from './town.commands';
import { townCommandTypes } from './town.commands';
import { decideTown } from './town.decider';
import { townCommandSeats } from './town.permissions';
import type { TownState } from './town.state';

export interface AllowedContext {
  readonly now: string;
  readonly policy: PolicyPack;
  /** Only this seat's steps; all seats when absent. */
  readonly seat?: Seat;
  /**
   * The member unit an inspector's seat is held for: only that unit's inspection is a next step. Absent,
   * the answer is the seat's (some inspector may record each unit's inspection).
   */
  readonly unit?: string;
}

const PROBE = 'probe';

function probes(type: TownCommandType, state: TownState, ctx: AllowedContext): TownCommand[] {
  const { policy, now } = ctx;
  const years = state.reviews.map((review) => review.year);
  switch (type) {
    case 'ApplyForTown':
      return policy.batches.map((batch) => ({
        type,
        data: {
          townId: state.townId ?? PROBE,
          batchId: batch.id,
          name: PROBE,
          county: policy.counties[0]?.code ?? '',
          kind: policy.candidateKinds[0]?.code ?? 'administrative-town',
          industry: policy.industries[0]?.code ?? '',
        },
      }));
    case 'RecordSelection':
      return [
        { type, data: { batchId: state.batchId ?? '', listed: true, publishedAt: now, weightedScore: null } },
      ];
    case 'PayReward':
      return state.rewards.map((reward) => ({ type, data: { reward: reward.reward, paymentRef: PROBE } }));
    case 'SubmitPlan':
      return [
        {
          type,
          data: { documents: Object.fromEntries(policy.planning.documents.map((doc) => [doc.code, PROBE])) },
        },
      ];
    case 'GrantPlanExtension': {
      const dueAt = state.plan.dueAt ?? now;
      const from = isAfter(dueAt, now) ? dueAt : now;
      return [{ type, data: { until: formatLocalDate(addDays(localDateOf(from), 1)) } }];
    }
    case 'ReturnPlan':
      return [{ type, data: { reasons: [PROBE] } }];
    case 'ApprovePlan':
      return [{ type, data: {} }];
    case 'OpenYearlyReview':
    case 'GrantStatisticsExtension':
    case 'RateMissingStatisticsUnqualified':
      return years.map((year) => ({ type, data: { year } }));
    case 'SubmitYearlyStatistics':
      // Typed project figures, or none where the pack reads them from the town's projects.
      return years.flatMap((year): TownCommand[] => [
        {
          type,
          data: {
            year,
            statistics: {},
            projectProgress: {
              projectsPlanned: 0,
              projectsCompleted: 0,
              investmentPlannedYuan: 0,
              investmentCompletedYuan: 0,
            },
          },
        },
        { type, data: { year, statistics: {} } },
      ]);
    case 'RateTown':
      return years.map((year) => ({ type, data: { year, score: 100, assessment: PROBE } }));
    case 'GrantLandSupport':
      return state.landSupport.entitledYears.map((year) => ({
        type,
        data: policy.measures?.landGrantArea ? { year, areaMu: 1, reference: PROBE } : { year },
      }));
    case 'RegisterProject':
      return [{ type, data: { projectId: PROBE, name: PROBE, investmentPlannedYuan: 1 } }];
    case 'ScheduleKeyProject':
      return state.projects.map((project) => ({
        type,
        data: { projectId: project.projectId, reference: PROBE },
      }));
    case 'RecordProjectApproval': {
      const today = formatLocalDate(localDateOf(now));
      return state.projects.flatMap((project) =>
        (policy.measures?.approvalProcedures ?? []).map((procedure) => ({
          type,
          data: {
            projectId: project.projectId,
            procedure: procedure.code,
            appliedOn: today,
            approvedOn: today,
            greenChannel: true,
            fastTrack: [],
            reference: PROBE,
          },
        })),
      );
    }
    case 'RecordProjectProgress':
      return state.projects.map((project) => ({
        type,
        data: {
          projectId: project.projectId,
          investmentCompletedYuan: project.investmentCompletedYuan,
          completed: project.completed,
        },
      }));
    case 'RecordFunding':
      return (policy.measures?.fundingSources ?? []).map((source) => ({
        type,
        data: { year: localDateOf(now).year, source: source.code, amountYuan: 1, reference: PROBE },
      }));
    case 'RecordObservationRecheck':
      return [{ type, data: { passed: true, findings: PROBE } }];
    case 'RecordProgressCheck':
      return [{ type, data: { passed: false, findings: PROBE } }];
    case 'RecordProvincialRecommendation':
      return Object.keys(state.ratingsByYear).map((year) => ({
        type,
        data: { reviewYear: Number(year), recommended: true, rank: null },
      }));
    case 'RecordProvincialDecision':
      return state.provincial.recommendedYears.map((reviewYear) => ({
        type,
        data: { reviewYear, listed: true, reference: PROBE },
      }));
    case 'RecordSiteInspection':
      return policy.memberUnits.map((unit) => ({
        type,
        data: { unit: unit.code, satisfactory: true, findings: PROBE },
      }));
    case 'FormAcceptanceOpinion':
      return [
        {
          type,
          data: {
            recommendation: 'accept',
            opinion: PROBE,
            ...(policy.finalAcceptance.criteria
              ? {
                  findings: Object.fromEntries(
                    policy.finalAcceptance.criteria.map((criterion) => [
                      criterion.code,
                      { met: true, finding: PROBE },
                    ]),
                  ),
                }
              : {}),
          },
        },
      ];
    case 'RecordAcceptanceDeliberation':
      return [{ type, data: { accepted: true, minutesRef: PROBE } }];
    case 'SendDeadlineReminder':
      // The scheduler's bookkeeping, not a step anyone chooses: never listed as a next step.
      return [];
    case 'MarkPlanOverdue':
    case 'ExpireObservationRecheck':
    case 'ExpireProgressCheck':
    case 'EndTownSupport':
    case 'StartFinalAcceptance':
      return [{ type, data: {} }];
    default: {
      const _exhaustive: never = type;
      return _exhaustive;
    }
  }
}

function accepts(command: TownCommand, state: TownState, ctx: AllowedContext, seat: Seat): boolean {
  const county = state.county ?? ctx.policy.counties[0]?.code;
  const unit = ctx.unit ?? (command.type === 'RecordSiteInspection' ? command.data.unit : undefined);
  try {
    const events = decideTown(command, state, {
      now: ctx.now,
      policy: ctx.policy,
      commandId: PROBE,
      actor: {
        userId: PROBE,
        seat,
        ...(county === undefined ? {} : { county }),
        ...(unit === undefined ? {} : { unit }),
      },
    });
    // A step that would change nothing (a deadline already handled) is not a next step.
    return events.length > 0;
  } catch (error) {
    if (isDomainRefusal(error)) return false;
    throw error;
  }
}

/** Command types each seat may issue now; a seat not asked about gets an empty list. */
export function allowedTownCommands(state: TownState, ctx: AllowedContext): Record<Seat, TownCommandType[]> {
  return perSeat((seat) =>
    ctx.seat !== undefined && ctx.seat !== seat
      ? []
      : townCommandTypes.filter(
          (type) =>
            townCommandSeats[type].includes(seat) &&
            probes(type, state, ctx).some((command) => accepts(command, state, ctx, seat)),
        ),
  );
}
