/**
 * decide(command, state, context) → events, or a thrown DomainRefusal naming the broken rule.
 * Checks who may act first, then hands the command to the handler of its lifecycle phase.
 */
import { isInstant, normaliseInstant } from '../calendar/instant';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import { requireSeat } from '../shared/command-rules';
import { decideReminder } from '../shared/deadline-reminders';
import type { TownCommand } from './town.commands';
import type { TownEvent } from './town.events';
import { townCommandSeats } from './town.permissions';
import {
  approvePlan,
  grantPlanExtension,
  markPlanOverdue,
  returnPlan,
  submitPlan,
} from './town-planning.handlers';
import {
  endTownSupport,
  expireObservationRecheck,
  grantLandSupport,
  grantStatisticsExtension,
  openYearlyReview,
  rateMissingStatistics,
  rateTown,
  recordObservationRecheck,
  submitYearlyStatistics,
} from './town-review.handlers';
import {
  expireProgressCheck,
  recordProgressCheck,
  recordProvincialDecision,
  recordProvincialRecommendation,
} from './town-progress.handlers';
import { applyForTown, payReward, recordSelection } from './town-selection.handlers';
import {
  recordProjectApproval,
  recordProjectProgress,
  registerProject,
  scheduleKeyProject,
} from './town-projects.handlers';
import { recordFunding } from './town-funding.handlers';
import {
  formAcceptanceOpinion,
  recordAcceptanceDeliberation,
  recordSiteInspection,
  startFinalAcceptance,
} from './town-acceptance.handlers';
import { initialTownState, type TownState } from './town.state';
import { evolveTown } from './town.evolve';
import { type Decider, keyInStream } from '../shared/decider';

export function decideTown(command: TownCommand, state: TownState, context: DecisionContext): TownEvent[] {
  const seats = (townCommandSeats as Partial<Record<string, readonly string[]>>)[command.type];
  if (!seats) throw refuse('COMMAND_UNKNOWN', { type: command.type });
  if (!isInstant(context.now)) throw refuse('INVALID_INSTANT', { field: 'now', value: context.now });
  // Every instant the decision writes is in one canonical UTC form.
  const ctx: DecisionContext = { ...context, now: normaliseInstant(context.now) };
  requireSeat(ctx, townCommandSeats[command.type], command.type);

  switch (command.type) {
    case 'ApplyForTown':
      return applyForTown(command, state, ctx);
    case 'RecordSelection':
      return recordSelection(command, state, ctx);
    case 'PayReward':
      return payReward(command, state, ctx);
    case 'SubmitPlan':
      return submitPlan(command, state, ctx);
    case 'MarkPlanOverdue':
      return markPlanOverdue(state, ctx);
    case 'GrantPlanExtension':
      return grantPlanExtension(command, state, ctx);
    case 'ApprovePlan':
      return approvePlan(command, state);
    case 'ReturnPlan':
      return returnPlan(command, state, ctx);
    case 'OpenYearlyReview':
      return openYearlyReview(command, state, ctx);
    case 'SubmitYearlyStatistics':
      return submitYearlyStatistics(command, state, ctx);
    case 'GrantStatisticsExtension':
      return grantStatisticsExtension(command, state, ctx);
    case 'RateMissingStatisticsUnqualified':
      return rateMissingStatistics(command, state, ctx);
    case 'RateTown':
      return rateTown(command, state, ctx);
    case 'GrantLandSupport':
      return grantLandSupport(command, state, ctx);
    case 'RegisterProject':
      return registerProject(command, state, ctx);
    case 'ScheduleKeyProject':
      return scheduleKeyProject(command, state, ctx);
    case 'RecordProjectApproval':
      return recordProjectApproval(command, state, ctx);
    case 'RecordProjectProgress':
      return recordProjectProgress(command, state, ctx);
    case 'RecordFunding':
      return recordFunding(command, state, ctx);
    case 'RecordObservationRecheck':
      return recordObservationRecheck(command, state, ctx);
    case 'ExpireObservationRecheck':
      return expireObservationRecheck(state, ctx);
    case 'RecordProgressCheck':
      return recordProgressCheck(command, state, ctx);
    case 'ExpireProgressCheck':
      return expireProgressCheck(state, ctx);
    case 'EndTownSupport':
      return endTownSupport(state, ctx);
    case 'RecordProvincialRecommendation':
      return recordProvincialRecommendation(command, state, ctx);
    case 'RecordProvincialDecision':
      return recordProvincialDecision(command, state);
    case 'StartFinalAcceptance':
      return startFinalAcceptance(state, ctx);
    case 'RecordSiteInspection':
      return recordSiteInspection(command, state, ctx);
    case 'FormAcceptanceOpinion':
      return formAcceptanceOpinion(command, state, ctx);
    case 'RecordAcceptanceDeliberation':
      return recordAcceptanceDeliberation(command, state);
    case 'SendDeadlineReminder':
      return decideReminder(command, state.deadlines, state.remindersSent, ctx);
    default: {
      const _exhaustive: never = command;
      throw refuse('COMMAND_UNKNOWN', { type: (_exhaustive as { type?: unknown }).type });
    }
  }
}

/** The town: one stream and one workflow per town, `town-<townId>`. */
export const townDecider: Decider<TownState, TownCommand, TownEvent, [townId: string]> = {
  initialState: initialTownState,
  decide: decideTown,
  evolve: evolveTown,
  streamOf: (townId) => `town-${townId}`,
  recognises: (stream) => keyInStream('town', stream),
};
