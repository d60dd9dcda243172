/**
 * §III.2: the town's construction projects, their approvals through the green channel ("确保项目立项、
 * 审批等各项程序快速到位") with the dates that show how fast they went, their place in the city's
 * key-project schedule ("整体打包列入市重点项目调度"), and their progress, from which the yearly statistics
 * take their project figures where the pack says so.
 */
import { daysFromCivil } from '../calendar/instant';
import { formatLocalDate, isLocalDate, localDateOf, parseLocalDate } from '../calendar/shanghai-calendar';
import type { Measures } from '../policy/policy-pack.schema';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  ProjectProgress,
  RecordProjectApproval,
  RecordProjectProgress,
  RegisterProject,
  ScheduleKeyProject,
} from './town.commands';
import type { TownEvent } from './town.events';
import { requireText } from './town.guards';
import { requireOwnCounty } from '../shared/command-rules';
import type { ProjectState, TownState } from './town.state';

/** The pack's safeguard measures; a pack without them has none of these steps. */
export function requireMeasures(ctx: DecisionContext): Measures {
  const { measures } = ctx.policy;
  if (!measures) throw refuse('MEASURES_NOT_IN_POLICY');
  return measures;
}

/** Projects and money are recorded from listing until the town is closed or has exited. */
export function requireInProgramme(state: TownState): void {
  if (state.status === 'planning' || state.status === 'cultivating' || state.status === 'final-acceptance') {
    return;
  }
  if (state.status === 'exited') throw refuse('TOWN_EXITED', { supportEndsAt: state.exit?.supportEndsAt });
  if (state.status === 'closed') throw refuse('TOWN_CLOSED');
  throw refuse('TOWN_NOT_LISTED');
}

/** A county's own step on its town's projects, where the pack has the measures. */
function requireCountyStep(state: TownState, ctx: DecisionContext): void {
  requireMeasures(ctx);
  requireInProgramme(state);
  requireOwnCounty(ctx, state.county ?? '');
}

function requireProject(state: TownState, projectId: string): ProjectState {
  const project = state.projects.find((candidate) => candidate.projectId === projectId);
  if (!project) throw refuse('PROJECT_UNKNOWN', { projectId });
  return project;
}

/** Whole yuan, at least `min`. */
export function requireYuan(value: number, field: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw refuse('AMOUNT_INVALID', { field, value, min });
}

function dayNumber(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return daysFromCivil(year, month, day);
}

export function registerProject(
  command: RegisterProject,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireCountyStep(state, ctx);
  const { projectId, name, investmentPlannedYuan } = command.data;
  requireText(projectId, 'projectId');
  requireText(name, 'name');
  requireYuan(investmentPlannedYuan, 'investmentPlannedYuan', 1);
  if (state.projects.some((project) => project.projectId === projectId.trim())) {
    throw refuse('PROJECT_ALREADY_REGISTERED', { projectId });
  }
  return [
    {
      type: 'ProjectRegistered',
      data: { projectId: projectId.trim(), name: name.trim(), investmentPlannedYuan },
    },
  ];
}

export function scheduleKeyProject(
  command: ScheduleKeyProject,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireMeasures(ctx);
  requireInProgramme(state);
  const project = requireProject(state, command.data.projectId);
  if (project.keySchedule !== null)
    throw refuse('PROJECT_ALREADY_SCHEDULED', { projectId: project.projectId });
  requireText(command.data.reference, 'reference');
  return [
    {
      type: 'ProjectScheduledAsKey',
      data: { projectId: project.projectId, reference: command.data.reference.trim() },
    },
  ];
}

export function recordProjectApproval(
  command: RecordProjectApproval,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  const measures = requireMeasures(ctx);
  requireInProgramme(state);
  const project = requireProject(state, command.data.projectId);
  const { procedure, appliedOn, approvedOn, greenChannel, fastTrack, reference } = command.data;
  const procedureRule = measures.approvalProcedures.find((rule) => rule.code === procedure);
  if (!procedureRule) throw refuse('APPROVAL_PROCEDURE_UNKNOWN', { field: 'procedure', procedure });
  if (project.approvals.some((approval) => approval.procedure === procedure)) {
    throw refuse('APPROVAL_ALREADY_RECORDED', {
      projectId: project.projectId,
      procedure,
      procedureName: procedureRule.nameZh,
      procedureNameEn: procedureRule.nameEn,
    });
  }
  for (const [field, date] of [
    ['appliedOn', appliedOn],
    ['approvedOn', approvedOn],
  ] as const) {
    if (!isLocalDate(date)) throw refuse('INVALID_INSTANT', { field, value: date });
  }
  const today = dayNumber(formatLocalDate(localDateOf(ctx.now)));
  if (dayNumber(approvedOn) < dayNumber(appliedOn) || dayNumber(approvedOn) > today) {
    throw refuse('APPROVAL_DATES_INVALID', { field: 'approvedOn', appliedOn, approvedOn });
  }
  const unknown = fastTrack.find((method) => !measures.fastTrackMethods.some((rule) => rule.code === method));
  if (unknown !== undefined) throw refuse('FAST_TRACK_UNKNOWN', { field: 'fastTrack', method: unknown });
  if (!greenChannel && fastTrack.length > 0)
    throw refuse('FAST_TRACK_WITHOUT_GREEN_CHANNEL', { field: 'fastTrack' });
  requireText(reference, 'reference');
  return [
    {
      type: 'ProjectApprovalRecorded',
      data: {
        projectId: project.projectId,
        procedure,
        appliedOn,
        approvedOn,
        daysTaken: dayNumber(approvedOn) - dayNumber(appliedOn),
        greenChannel,
        fastTrack: [...new Set(fastTrack)],
        reference: reference.trim(),
      },
    },
  ];
}

export function recordProjectProgress(
  command: RecordProjectProgress,
  state: TownState,
  ctx: DecisionContext,
): TownEvent[] {
  requireCountyStep(state, ctx);
  const project = requireProject(state, command.data.projectId);
  const { investmentCompletedYuan, completed } = command.data;
  requireYuan(investmentCompletedYuan, 'investmentCompletedYuan', 0);
  // Cumulative: what was completed stays completed.
  if (investmentCompletedYuan < project.investmentCompletedYuan || (project.completed && !completed)) {
    throw refuse('PROJECT_PROGRESS_INVALID', {
      field: 'investmentCompletedYuan',
      before: project.investmentCompletedYuan,
      value: investmentCompletedYuan,
    });
  }
  return [
    {
      type: 'ProjectProgressRecorded',
      data: { projectId: project.projectId, investmentCompletedYuan, completed },
    },
  ];
}

/** §IV.3 "项目推进情况": the project figures of the yearly statistics, read from the town's projects. */
export function projectFigures(state: TownState): ProjectProgress {
  return {
    projectsPlanned: state.projects.length,
    projectsCompleted: state.projects.filter((project) => project.completed).length,
    investmentPlannedYuan: state.projects.reduce((sum, project) => sum + project.investmentPlannedYuan, 0),
    investmentCompletedYuan: state.projects.reduce(
      (sum, project) => sum + project.investmentCompletedYuan,
      0,
    ),
  };
}
