/**
 * The deadlines a town is waiting on, derived from its state alone (the due instants were fixed by
 * the events that created them), so a workflow can re-arm its timers after any event or a restart.
 */
import { compareInstants } from '../calendar/instant';
import { isCultivationActive, TownDeadline, TownState } from './town.state';
import { compareText } from '../shared/text-order';

export function townDeadlines(state: TownState): TownDeadline[] {
  const deadlines: TownDeadline[] = [];
  if (isCultivationActive(state)) {
    const { plan } = state;
    if (
      (plan.status === 'awaiting' || plan.status === 'returned') &&
      plan.dueAt &&
      plan.overdueNoticeFor !== plan.dueAt
    ) {
      deadlines.push({
        name: plan.status === 'returned' ? 'plan-resubmission' : 'plan-submission',
        dueAt: plan.dueAt,
        command: { type: 'MarkPlanOverdue', data: {} },
      });
    }
    for (const review of state.reviews) {
      if (review.status === 'scheduled') {
        deadlines.push({
          name: `yearly-review-opens:${review.year}`,
          dueAt: review.opensAt,
          command: { type: 'OpenYearlyReview', data: { year: review.year } },
        });
      } else if (review.status === 'open') {
        deadlines.push({
          name: `yearly-statistics:${review.year}`,
          dueAt: review.statisticsDueAt,
          command: { type: 'RateMissingStatisticsUnqualified', data: { year: review.year } },
        });
      }
    }
    if (state.progressCheck.status === 'pending' && state.progressCheck.dueAt) {
      deadlines.push({
        name: 'progress-check',
        dueAt: state.progressCheck.dueAt,
        command: { type: 'ExpireProgressCheck', data: {} },
      });
    }
    if (state.observation) {
      deadlines.push({
        name: 'observation-recheck',
        dueAt: state.observation.recheckDueAt,
        command: { type: 'ExpireObservationRecheck', data: {} },
      });
    }
    if (state.schedule) {
      deadlines.push({
        name: 'final-acceptance',
        dueAt: state.schedule.finalAcceptanceStartsAt,
        command: { type: 'StartFinalAcceptance', data: {} },
      });
    }
  }
  if (state.status === 'exited' && state.exit && !state.exit.supportEnded) {
    deadlines.push({
      name: 'support-ends',
      dueAt: state.exit.supportEndsAt,
      command: { type: 'EndTownSupport', data: {} },
    });
  }
  return deadlines.sort((a, b) => compareInstants(a.dueAt, b.dueAt) || compareText(a.name, b.name));
}
