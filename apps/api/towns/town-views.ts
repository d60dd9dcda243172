import type { StepSummary } from '../read-models/recent-steps';
import { latestRating, rewardTotals, type TownRecord } from '../read-models/town-record';
import type { TownDetailDto, TownSummaryDto } from './town-view.dto';

export function townUrl(townId: string): string {
  return `/api/towns/${townId}`;
}

export function townSummary(record: TownRecord): TownSummaryDto {
  const { state } = record;
  const next = state.deadlines[0];
  return {
    townId: record.townId,
    name: state.name ?? '',
    county: state.county ?? '',
    countyNameZh: record.countyNameZh,
    kind: state.kind ?? '',
    industry: state.industry ?? '',
    industryDescription: state.industryDescription,
    batchId: state.batchId ?? '',
    status: state.status,
    appliedAt: state.appliedAt ?? record.firstRecordedAt,
    listedAt: state.listedAt,
    latestRating: latestRating(state),
    rewards: rewardTotals(state),
    nextDeadline: next ? { name: next.name, dueAt: next.dueAt, fires: next.command.type } : null,
    url: townUrl(record.townId),
  };
}

export function townDetail(
  record: TownRecord,
  recentSteps: readonly StepSummary[],
  allowedSteps: readonly string[],
  asOfPosition: bigint,
): TownDetailDto {
  const { state } = record;
  return {
    ...townSummary(record),
    declaredConditions: state.declaredConditions.map(({ code, statement }) => ({ code, statement })),
    ratings: Object.entries(state.ratingsByYear)
      .map(([year, rated]) => ({
        year: Number(year),
        rating: rated.rating,
        score: rated.score,
        basis: rated.basis,
      }))
      .sort((a, b) => a.year - b.year),
    rewardItems: state.rewards.map(({ reward, amountYuan, status, paymentRef }) => ({
      reward,
      amountYuan,
      status,
      paymentRef,
    })),
    plan: {
      status: state.plan.status,
      dueAt: state.plan.dueAt,
      submissions: state.plan.submissions,
      submittedLate: state.plan.submittedLate,
      extended: state.plan.extended,
    },
    projects: state.projects.map((project) => ({
      projectId: project.projectId,
      name: project.name,
      investmentPlannedYuan: project.investmentPlannedYuan,
      investmentCompletedYuan: project.investmentCompletedYuan,
      completed: project.completed,
      keySchedule: project.keySchedule,
      approvals: project.approvals.length,
    })),
    deadlines: state.deadlines.map((deadline) => ({
      name: deadline.name,
      dueAt: deadline.dueAt,
      fires: deadline.command.type,
    })),
    history: {
      eventCount: record.eventCount,
      firstRecordedAt: record.firstRecordedAt,
      lastRecordedAt: record.lastRecordedAt,
      lastPosition: record.lastPosition.toString(),
      recentSteps: recentSteps.map((step) => ({
        type: step.type,
        occurredAt: step.occurredAt,
        globalPosition: step.globalPosition.toString(),
        actor: { ...step.actor },
      })),
      url: `${townUrl(record.townId)}/history`,
    },
    policy: record.policy,
    allowedSteps: [...allowedSteps],
    asOfPosition: asOfPosition.toString(),
  };
}
