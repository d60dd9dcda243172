import type { ReadScope } from '../../../domain/access/authorize';
import { addMilliseconds, compareInstants, isBefore, isOnOrBefore } from '../../../domain/calendar/instant';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { allowedBatchCommands } from '../../../domain/batch/batch.allowed';
import { allowedTownCommands } from '../../../domain/town/town.allowed';
import type { TownState } from '../../../domain/town/town.state';
import type { RemindersSent } from '../../../domain/shared/deadline-reminders';
import type { Principal } from '../../../infra/auth/principal';
import type { ProgrammeReadModels } from '../read-models/read-models';
import { upcomingDeadlines, type UpcomingDeadline } from '../read-models/upcoming-deadlines';

export interface MyWorkTown {
  readonly townId: string;
  readonly name: string;
  readonly county: string;
  readonly countyNameZh: string | null;
  readonly status: string;
  readonly steps: string[];
}

export interface MyWorkBatch {
  readonly batchId: string;
  readonly status: string;
  readonly closesAt: string | null;
  readonly steps: string[];
}

export interface MyWorkOverdue {
  readonly scope: 'town';
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly county: string | null;
  /** `plan-submission`, `statistics-<year>`, or a pending deadline's own name. */
  readonly name: string;
  readonly dueAt: string;
}

export interface MyWorkReminder {
  readonly scope: 'town' | 'batch' | 'programme';
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly county: string | null;
  readonly deadline: string;
  readonly dueAt: string;
  readonly daysBefore: number;
}

export interface MyWork {
  readonly now: string;
  readonly until: string;
  readonly towns: MyWorkTown[];
  readonly batches: MyWorkBatch[];
  readonly deadlines: UpcomingDeadline[];
  readonly overdue: MyWorkOverdue[];
  readonly reminders: MyWorkReminder[];
}

export const myWorkWindowDays = 30;
const dayMs = 86_400_000;

/**
 * What needs the caller's seat now, from the read models alone: the steps the deciders allow this seat
 * on each town and batch it may read, the deadlines of the next 30 days, what is overdue, and the
 * reminders already recorded. Within the read scope the edge decided: a county official sees their
 * county's towns and what concerns every county.
 */
export function myWorkOf(
  models: ProgrammeReadModels,
  caller: Principal,
  scope: ReadScope,
  ctx: { readonly now: string; readonly policy: PolicyPack },
): MyWork {
  const { county } = scope;
  const visible = models.towns().filter((town) => county === undefined || town.state.county === county);
  const until = addMilliseconds(ctx.now, myWorkWindowDays * dayMs);
  const towns = visible
    .map((record) => ({
      townId: record.townId,
      name: record.state.name ?? '',
      county: record.state.county ?? '',
      countyNameZh: record.countyNameZh,
      status: record.state.status,
      steps: allowedTownCommands(record.state, {
        ...ctx,
        seat: caller.seat,
        ...(caller.unit ? { unit: caller.unit } : {}),
      })[caller.seat],
    }))
    .filter((town) => town.steps.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.townId.localeCompare(b.townId));
  const batches = models
    .batches()
    .filter(({ state }) => state.batchId !== null)
    .map(({ state }) => ({
      batchId: state.batchId ?? '',
      status: state.status,
      closesAt: state.closesAt,
      steps: allowedBatchCommands(state, { ...ctx, seat: caller.seat, ...(county ? { county } : {}) })[
        caller.seat
      ],
    }))
    .filter((batch) => batch.steps.length > 0)
    .sort((a, b) => a.batchId.localeCompare(b.batchId));
  const reminders: MyWorkReminder[] = [
    ...visible.flatMap(({ townId, state }) =>
      remindersOf(state.remindersSent, state.deadlines).map((reminder) => ({
        scope: 'town' as const,
        subjectId: townId,
        subjectName: state.name,
        county: state.county,
        ...reminder,
      })),
    ),
    ...models.batches().flatMap(({ stream, state }) =>
      remindersOf(state.remindersSent, state.deadlines).map((reminder) => ({
        scope: 'batch' as const,
        subjectId: state.batchId ?? stream,
        subjectName: null,
        county: null,
        ...reminder,
      })),
    ),
    ...models.programmes().flatMap(({ stream, state }) =>
      remindersOf(state.remindersSent, state.deadlines).map((reminder) => ({
        scope: 'programme' as const,
        subjectId: state.programmeId ?? stream,
        subjectName: null,
        county: null,
        ...reminder,
      })),
    ),
  ].sort((a, b) => compareInstants(a.dueAt, b.dueAt) || a.subjectId.localeCompare(b.subjectId));
  return {
    now: ctx.now,
    until,
    towns,
    batches,
    deadlines: upcomingDeadlines(models, { from: ctx.now, until, ...(county ? { county } : {}) }),
    overdue: visible
      .flatMap(({ townId, state }) =>
        overdueOf(state, ctx.now).map((item) => ({
          scope: 'town' as const,
          subjectId: townId,
          subjectName: state.name,
          county: state.county,
          ...item,
        })),
      )
      .sort((a, b) => compareInstants(a.dueAt, b.dueAt)),
    reminders,
  };
}

/** Reminders recorded for deadlines still pending: the nearest one sent for each. */
function remindersOf(
  sent: RemindersSent,
  deadlines: readonly { readonly name: string; readonly dueAt: string }[],
): { deadline: string; dueAt: string; daysBefore: number }[] {
  return deadlines.flatMap(({ name, dueAt }) => {
    const entry = Object.entries(sent).find(
      ([key]) => key.startsWith(`${name}@`) && compareInstants(key.slice(name.length + 1), dueAt) === 0,
    );
    return entry ? [{ deadline: name, dueAt, daysBefore: entry[1] }] : [];
  });
}

/** What a town owes past its due time: a plan still awaited, statistics not submitted, a deadline not yet fired. */
function overdueOf(state: TownState, now: string): { name: string; dueAt: string }[] {
  const items: { name: string; dueAt: string }[] = [];
  const planOpen = state.plan.status === 'awaiting' || state.plan.status === 'returned';
  if (planOpen && state.plan.dueAt !== null && isBefore(state.plan.dueAt, now)) {
    items.push({ name: 'plan-submission', dueAt: state.plan.dueAt });
  }
  for (const review of state.reviews) {
    if (review.status === 'open' && isBefore(review.statisticsDueAt, now)) {
      items.push({ name: `statistics-${review.year}`, dueAt: review.statisticsDueAt });
    }
  }
  for (const deadline of state.deadlines) {
    if (isOnOrBefore(deadline.dueAt, now) && !items.some((item) => item.dueAt === deadline.dueAt)) {
      items.push({ name: deadline.name, dueAt: deadline.dueAt });
    }
  }
  return items;
}
