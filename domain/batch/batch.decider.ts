/**
 * decide for an application batch: window by the pack's dates, the per-county quota across the whole
 * programme, defence scores weighted by the pack's criteria, and the joint meeting's list.
 */
import { isAfter, isBefore, isInstant, normaliseInstant } from '../calendar/instant';
import { batchCalendar, findBatch, findCounty } from '../policy/policy-rules';
import { applicationExtras, checkApplication, conditionsFor } from '../shared/application-rules';
import { requireOwnCounty, requireReached, requireSeat } from '../shared/command-rules';
import { decideReminder } from '../shared/deadline-reminders';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type {
  BatchCommand,
  DecideList,
  OpenBatch,
  RecordDefenceScore,
  SubmitApplication,
} from './batch.commands';
import type { Application, BatchEvent, ListedTown, NotListedTown } from './batch.events';
import { batchCommandSeats } from './batch.permissions';
import { byWeightedScore, countyQuotaFull, rejectedConditions } from './batch.ranking';
import { decideListClose, decideListPage } from './batch-list-pages';
import { BatchState, countyTownCount, initialBatchState } from './batch.state';
import { evolveBatch } from './batch.evolve';
import { type Decider, keyInStream } from '../shared/decider';
import type { EntityNaming } from '../shared/entity-names';

function openBatch(command: OpenBatch, state: BatchState, ctx: DecisionContext): BatchEvent[] {
  const { batchId } = command.data;
  if (state.status !== 'not-opened') {
    if (state.batchId === batchId) return [];
    throw refuse('BATCH_MISMATCH', { expected: state.batchId, actual: batchId });
  }
  const batch = findBatch(ctx.policy, batchId);
  if (!batch) throw refuse('BATCH_UNKNOWN', { field: 'batchId', batchId });
  const calendar = batchCalendar(ctx.policy, batch);
  if (isAfter(ctx.now, calendar.closesAt))
    throw refuse('APPLICATION_WINDOW_CLOSED', { batchId, closesAt: calendar.closesAt });
  const priorListedByCounty: Record<string, string[]> = {};
  for (const [county, towns] of Object.entries(command.data.priorListedByCounty)) {
    const rule = findCounty(ctx.policy, county);
    if (!rule) throw refuse('COUNTY_UNKNOWN', { field: 'priorListedByCounty', value: county });
    priorListedByCounty[rule.code] = [...(priorListedByCounty[rule.code] ?? []), ...towns];
  }
  return [{ type: 'BatchOpened', data: { ...calendar, priorListedByCounty } }];
}

function requireWindowOpen(state: BatchState, ctx: DecisionContext): void {
  const batchId = state.batchId;
  if (state.status === 'not-opened') throw refuse('BATCH_NOT_OPEN');
  if (state.status !== 'open' || (state.closesAt && isAfter(ctx.now, state.closesAt))) {
    throw refuse('APPLICATION_WINDOW_CLOSED', { batchId, closesAt: state.closesAt });
  }
  if (state.opensAt && isBefore(ctx.now, state.opensAt)) {
    throw refuse('APPLICATION_WINDOW_NOT_OPEN', { batchId, opensAt: state.opensAt });
  }
}

function submitApplication(
  command: SubmitApplication,
  state: BatchState,
  ctx: DecisionContext,
): BatchEvent[] {
  requireWindowOpen(state, ctx);
  const { townId } = command.data;
  if (townId.trim() === '') throw refuse('REFERENCE_REQUIRED', { field: 'townId' });
  const { county: countyRule, ...checked } = checkApplication(ctx.policy, command.data);
  requireOwnCounty(ctx, countyRule.code);
  const known =
    state.applications.some((application) => application.townId === townId) ||
    Object.values(state.priorListedByCounty).some((towns) => towns.includes(townId));
  if (known) throw refuse('TOWN_ALREADY_APPLIED', { townId });
  // §I.2 "每个县区集中建成1-2个" limits the towns listed (decideList). A pack may also hold a county's
  // applications within it, counted over the whole programme, earlier batches included.
  if ((ctx.policy.quota.applications ?? 'within-listing-quota') === 'within-listing-quota') {
    const count = countyTownCount(state, countyRule.code);
    const max = ctx.policy.quota.maxTownsPerCounty;
    if (count >= max) throw countyQuotaFull(ctx.policy, countyRule.code, count, max);
  }
  return [
    {
      type: 'ApplicationReceived',
      data: {
        townId,
        name: checked.name,
        county: countyRule.code,
        kind: checked.kind,
        industry: checked.industry,
        appliedAt: ctx.now,
        ...applicationExtras(checked),
      },
    },
  ];
}

function closeApplicationWindow(state: BatchState, ctx: DecisionContext): BatchEvent[] {
  if (state.status === 'not-opened') throw refuse('BATCH_NOT_OPEN');
  if (state.status !== 'open' || !state.closesAt) return [];
  requireReached(ctx.now, state.closesAt, 'application-window');
  return [
    { type: 'ApplicationWindowClosed', data: { closedAt: ctx.now, applications: state.applications.length } },
  ];
}

/** Defence and list happen between the window's close and the list's decision. */
function requireSelectionPhase(state: BatchState): void {
  if (state.status === 'not-opened') throw refuse('BATCH_NOT_OPEN');
  if (state.status === 'open') throw refuse('APPLICATION_WINDOW_STILL_OPEN');
  // A list being recorded in pages is decided: the scores it ranks by no longer change.
  if (state.status !== 'closed' || state.listPages) throw refuse('LIST_ALREADY_DECIDED');
}

function recordDefenceScore(
  command: RecordDefenceScore,
  state: BatchState,
  ctx: DecisionContext,
): BatchEvent[] {
  requireSelectionPhase(state);
  const { townId, scores } = command.data;
  const application = state.applications.find((candidate) => candidate.townId === townId);
  if (!application) throw refuse('APPLICATION_UNKNOWN', { townId });
  const { criteria, maxCriterionScore } = ctx.policy.selection;
  const codes = criteria.map((criterion) => criterion.code);
  const given = Object.keys(scores);
  if (given.length !== codes.length || !codes.every((code) => given.includes(code))) {
    throw refuse('SCORE_CRITERIA_MISMATCH', { criteria: codes, given });
  }
  const bad = Object.entries(scores).find(
    ([, value]) => !Number.isFinite(value) || value < 0 || value > maxCriterionScore,
  );
  if (bad) throw refuse('SCORE_OUT_OF_RANGE', { max: maxCriterionScore, criterion: bad[0], value: bad[1] });
  const weights = Object.fromEntries(criteria.map((criterion) => [criterion.code, criterion.weightPercent]));
  const total = criteria.reduce(
    (sum, criterion) => sum + (scores[criterion.code] ?? 0) * criterion.weightPercent,
    0,
  );
  // Two decimals: enough to rank, and the same on every machine.
  const weightedScore = Math.round(total) / 100;
  const conditions = conditionFindings(command, application, ctx);
  return [
    {
      type: 'DefenceScored',
      data: {
        townId,
        scores: { ...scores },
        weights,
        weightedScore,
        ...(conditions === undefined ? {} : { conditions }),
      },
    },
  ];
}

/**
 * The office confirms or rejects, at the defence, each application condition the applicant declared
 * (§IV.1 申报条件): all of them, where the pack sets any; none where it sets none.
 */
function conditionFindings(
  command: RecordDefenceScore,
  application: Application,
  ctx: DecisionContext,
): Record<string, boolean> | undefined {
  const codes = conditionsFor(ctx.policy, application.kind).map((condition) => condition.code);
  const given = command.data.conditions ?? {};
  const findings = Object.keys(given);
  if (findings.length !== codes.length || !codes.every((code) => findings.includes(code))) {
    throw refuse('CONDITIONS_MISMATCH', { field: 'conditions', conditions: codes, given: findings });
  }
  if (ctx.policy.application === undefined || codes.length === 0) return undefined;
  return Object.fromEntries(codes.map((code) => [code, given[code] === true]));
}

function decideList(command: DecideList, state: BatchState, ctx: DecisionContext): BatchEvent[] {
  requireSelectionPhase(state);
  const unscored = state.applications.filter((application) => !state.scores[application.townId]);
  if (unscored.length > 0) throw refuse('DEFENCE_INCOMPLETE', { townIds: unscored.map((a) => a.townId) });
  const chosen = [...new Set(command.data.listed)];
  const { passingScore, maxListedPerBatch } = ctx.policy.selection;
  const listed: ListedTown[] = chosen.map((townId) => {
    const application = state.applications.find((candidate) => candidate.townId === townId);
    const score = state.scores[townId]?.weightedScore;
    if (!application || score === undefined) throw refuse('APPLICATION_UNKNOWN', { townId });
    const unmet = rejectedConditions(state, townId);
    if (unmet.length > 0) throw refuse('CONDITIONS_NOT_MET', { townId, conditions: unmet });
    if (passingScore !== null && score < passingScore)
      throw refuse('BELOW_PASSING_SCORE', { townId, score, passingScore });
    return { townId, county: application.county, weightedScore: score };
  });
  if (maxListedPerBatch !== null && listed.length > maxListedPerBatch) {
    throw refuse('BATCH_LIST_FULL', { max: maxListedPerBatch, count: listed.length });
  }
  const max = ctx.policy.quota.maxTownsPerCounty;
  for (const county of new Set(listed.map((town) => town.county))) {
    const count =
      (state.priorListedByCounty[county]?.length ?? 0) +
      listed.filter((town) => town.county === county).length;
    if (count > max) throw countyQuotaFull(ctx.policy, county, count, max);
  }
  const notListed: NotListedTown[] = state.applications
    .filter((application) => !chosen.includes(application.townId))
    .map((application) => {
      const weightedScore = state.scores[application.townId]?.weightedScore ?? 0;
      const below = passingScore !== null && weightedScore < passingScore;
      const unmet = rejectedConditions(state, application.townId).length > 0;
      return {
        townId: application.townId,
        county: application.county,
        weightedScore,
        reason: unmet ? 'conditions-not-met' : below ? 'below-passing-score' : 'not-selected',
      };
    });
  return [
    {
      type: 'ListDecided',
      data: { listed: listed.sort(byWeightedScore), notListed: notListed.sort(byWeightedScore) },
    },
  ];
}

function publishList(state: BatchState, ctx: DecisionContext): BatchEvent[] {
  if (state.status === 'published') throw refuse('LIST_ALREADY_PUBLISHED');
  if (state.status !== 'list-decided') throw refuse('LIST_NOT_DECIDED');
  // Published after the pack's date is still published: the late flag lets auditors see it.
  const late = state.listDueAt !== null && isAfter(ctx.now, state.listDueAt);
  const pages = state.listPages;
  if (pages) {
    // Recorded in pages: the towns are on the pages, named here by count and hash (decision 0069).
    const notListed = pages.towns - pages.listed;
    const { listed, digest: pagesDigest } = pages;
    return [
      {
        type: 'ListPagesPublished',
        data: { publishedAt: ctx.now, late, pages: pages.pages, listed, notListed, pagesDigest },
      },
    ];
  }
  return [
    {
      type: 'ListPublished',
      data: { publishedAt: ctx.now, listed: [...state.listed], notListed: [...state.notListed], late },
    },
  ];
}

export function decideBatch(
  command: BatchCommand,
  state: BatchState,
  context: DecisionContext,
): BatchEvent[] {
  const seats = (batchCommandSeats as Partial<Record<string, readonly string[]>>)[command.type];
  if (!seats) throw refuse('COMMAND_UNKNOWN', { type: command.type });
  if (!isInstant(context.now)) throw refuse('INVALID_INSTANT', { field: 'now', value: context.now });
  const ctx: DecisionContext = { ...context, now: normaliseInstant(context.now) };
  requireSeat(ctx, batchCommandSeats[command.type], command.type);
  switch (command.type) {
    case 'OpenBatch':
      return openBatch(command, state, ctx);
    case 'SubmitApplication':
      return submitApplication(command, state, ctx);
    case 'CloseApplicationWindow':
      return closeApplicationWindow(state, ctx);
    case 'RecordDefenceScore':
      return recordDefenceScore(command, state, ctx);
    case 'DecideList':
      return decideList(command, state, ctx);
    case 'PublishList':
      return publishList(state, ctx);
    case 'RecordListPage':
      return decideListPage(command, state, ctx);
    case 'CloseList':
      return decideListClose(command, state);
    case 'SendDeadlineReminder':
      return decideReminder(command, state.deadlines, state.remindersSent, ctx);
    default: {
      const _exhaustive: never = command;
      throw refuse('COMMAND_UNKNOWN', { type: (_exhaustive as { type?: unknown }).type });
    }
  }
}

/**
 * An application batch: `batch-<programme>/<batch>`, each id URI-encoded so that it holds no `/`;
 * `batch-<programme>-<batch>` for chains started before decision 0062.
 */
export const batchDecider: Decider<
  BatchState,
  BatchCommand,
  BatchEvent,
  [programmeId: string, batchId: string, naming: EntityNaming | undefined]
> = {
  initialState: initialBatchState,
  decide: decideBatch,
  evolve: evolveBatch,
  streamOf: (programmeId, batchId, naming) =>
    naming === 'unambiguous'
      ? `batch-${encodeURIComponent(programmeId)}/${encodeURIComponent(batchId)}`
      : `batch-${programmeId}-${batchId}`,
  recognises: (stream) => keyInStream('batch', stream),
};
