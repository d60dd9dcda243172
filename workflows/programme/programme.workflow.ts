import {
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { batchDecider } from '../../domain/batch';
import { townDecider } from '../../domain/town';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import {
  membersOf,
  programmeDecider,
  summariseMembers,
  withoutMembers,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeState,
} from '../../domain/programme';
import type { DecisionContext } from '../../domain/shared/decision';
import { upcomingDeadlines } from '../../domain/shared/deadline-reminders';
import { batchWorkflowType, type BatchWorkflowInput } from '../batch/batch.messages';
import { runEntityLoop } from '../shared/entity-loop';
import { workflowStarter } from '../shared/activity-proxies';
import { Outbox } from '../shared/outbox';
import { searchAttributesKeeper } from '../shared/search-attributes';
import { logRefusal, relayMeta, scheduleOf, schedulerMeta } from '../shared/scheduler';
import { StreamCommandRunner } from '../shared/stream-command-runner';
import { newStream, type StepMeta } from '../shared/stream-step';
import { relayedTownCommandSignal, townReportSignal, type TownReport } from '../town/town.messages';
import {
  effectsOf,
  RANKING_PAGE_TOWNS,
  rankInPages,
  ratingsOfTowns,
  recommendationCandidates,
  ReportedRatingsMemory,
} from './programme-rounds';
import { handOver, MEMBERS_IN_STORE, takeOver } from './programme-members';
import { recordListFromPages } from './programme-batch-lists';
import { LIST_PAGE_TOWNS, partOf } from '../batch/batch-list-pages';
import {
  batchListPublishedSignal,
  closeProgrammeUpdate,
  programmeDeadlinesQuery,
  programmeRecordedEventIdsQuery,
  programmeReportedRatingsQuery,
  programmeViewQuery,
  REPORTED_RATINGS_PAGE,
  type BatchListPublished,
  type ProgrammeOutgoing,
  type ProgrammeStepRequest,
  type ProgrammeWorkflowInput,
  type ReportedRatings,
} from './programme.messages';

/** Patch: a provincial round reads the towns' ratings from the store when it falls due. */
export const RATINGS_FROM_STORE = 'ratings-from-store';
/** Patch: a provincial round is recorded a page of towns at a time, then closed (decision 0066). */
export const ROUND_IN_PAGES = 'round-in-pages';

/**
 * The programme's calendar from its pack (§IV): it opens each batch (a workflow of its own, started
 * through an activity, so the batch and its towns never depend on the programme's run), opens each
 * yearly review cycle and tells every active town, decides the provincial recommendation once the
 * year's ratings are due and tells the towns, and starts the final acceptance round. The joint meeting
 * closes it.
 */
export async function programmeWorkflow(input: ProgrammeWorkflowInput): Promise<ProgrammeState> {
  const policy = parsePolicyPack(input.policy);
  const { continued, programmeId, naming } = input;
  const workflowId = workflowInfo().workflowId;
  const keepSearchAttributes = searchAttributesKeeper();
  const keepFindable = (): void =>
    keepSearchAttributes({
      EntityKind: 'programme',
      ProgrammeId: programmeId,
      TownStatus: runner.state.status,
    });
  const batchWorkflowId = (batchId: string): string => batchDecider.streamOf(programmeId, batchId, naming);
  // Reports of ratings, kept only for runs recorded before the round read the store (their replays
  // decide on them); a run started now ranks from the store and carries none of them on.
  const reported = new ReportedRatingsMemory(continued?.ratings);
  let listedByProvince: readonly string[] = continued?.listedByProvince ?? [];
  const outbox = new Outbox<ProgrammeOutgoing>(continued?.outbox ?? [], (effect) => perform(effect), {
    recipientOf: (effect) => (effect.kind === 'relay' ? effect.workflowId : batchWorkflowId(effect.batchId)),
  });
  const context = (meta: StepMeta, now: string): DecisionContext => ({
    now,
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });
  const stream = programmeDecider.streamOf(programmeId);
  // A run handed over without its members reads them back first (decision 0067); others start at once.
  const from = !continued
    ? newStream(programmeDecider.initialState)
    : continued.members
      ? await takeOver(stream, continued.position, continued.members)
      : continued.position;
  const runner = new StreamCommandRunner<ProgrammeState, ProgrammeCommand, ProgrammeEvent>({
    stream,
    decider: programmeDecider,
    context,
    from,
    opensFirst: !continued,
    onRecorded: (events, meta) => {
      keepFindable();
      outbox.push(...effectsOf(events, runner.state, meta, workflowId));
    },
  });
  keepFindable();
  const runAsSystem = async (command: ProgrammeCommand, meta: StepMeta): Promise<void> =>
    logRefusal(command.type, await runner.runDurably(command, meta));
  const skipped = new Set(continued?.skipped ?? []);
  const startProgramme = async (): Promise<void> => {
    const meta = schedulerMeta('programme-start');
    const command: ProgrammeCommand = { type: 'StartProgramme', data: { programmeId } };
    logRefusal(command.type, await runner.open(command, meta));
  };

  const recordList = (published: BatchListPublished): Promise<void> => {
    const { batchId, commandId, correlationId } = published;
    const meta = relayMeta(batchWorkflowId(batchId), correlationId, commandId);
    if ('listed' in published)
      return runAsSystem({ type: 'RecordBatchList', data: { batchId, listed: published.listed } }, meta);
    // Only batches that record their lists in pages send this, so no earlier history meets it.
    const pageTowns = input.listPageTowns ?? LIST_PAGE_TOWNS;
    return recordListFromPages(batchId, published.inPages, pageTowns, (command, part) =>
      runAsSystem(command, partOf(meta, part)),
    );
  };
  const receive = async (report: TownReport): Promise<void> => {
    if (report.kind === 'rated') reported.add(report);
    else if (report.kind === 'listed-by-province') {
      if (!listedByProvince.includes(report.townId)) listedByProvince = [...listedByProvince, report.townId];
    } else {
      const { townId, supportEndsAt } = report;
      await runAsSystem(
        { type: 'RecordTownExit', data: { townId, supportEndsAt } },
        relayMeta(townDecider.streamOf(townId), `town-exit:${townId}`),
      );
    }
  };

  setHandler(closeProgrammeUpdate, ({ meta }) => runner.run({ type: 'CloseProgramme', data: {} }, meta), {
    validator: ({ meta }: ProgrammeStepRequest) =>
      runner.validate({ type: 'CloseProgramme', data: {} }, meta),
  });
  setHandler(batchListPublishedSignal, (published) => recordList(published));
  setHandler(townReportSignal, (report) => receive(report));

  setHandler(programmeViewQuery, () => ({
    programmeId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    // Counts and hash, not the lists that grow with the towns (decision 0068).
    state: withoutMembers(runner.state),
    members: summariseMembers(membersOf(runner.state)),
    reportedRatings: reported.size,
    listedByProvince,
    recording: runner.recording,
    ...(naming ? { naming } : {}),
  }));
  setHandler(programmeReportedRatingsQuery, ({ offset, limit }) => ({
    ratings: reported.page(offset, Math.min(limit, REPORTED_RATINGS_PAGE)),
    total: reported.size,
  }));
  setHandler(programmeDeadlinesQuery, () => upcomingDeadlines(runner.state, policy));
  setHandler(programmeRecordedEventIdsQuery, () => runner.recordedEventIds);

  if (!continued) await startProgramme();

  const end = await runEntityLoop({
    runner,
    outbox,
    skipped,
    limits: input.limits,
    finished: () => runner.state.status === 'closed' || runner.state.status === 'not-started',
    scheduled: scheduleOf(runner, {
      policy,
      complete: (command) => {
        if (command.type !== 'DecideProvincialRecommendations') return command;
        const withCandidates = (reported: ReportedRatings): ProgrammeCommand => ({
          ...command,
          data: {
            ...command.data,
            candidates: recommendationCandidates(runner.state, reported, listedByProvince),
          },
        });
        // The round is decided on the ratings the towns' streams hold now that they are due, not on
        // the reports that reached the programme (decision 0063). Runs recorded before keep theirs.
        if (!patched(RATINGS_FROM_STORE)) return withCandidates(reported.all());
        const townIds = runner.state.listedTowns.map((town) => town.townId);
        const { reviewYear } = command.data;
        if (!patched(ROUND_IN_PAGES)) return ratingsOfTowns(townIds, reviewYear).then(withCandidates);
        return ratingsOfTowns(townIds, reviewYear).then((ratings) =>
          rankInPages({
            state: runner.state,
            policy,
            reviewYear,
            candidates: recommendationCandidates(runner.state, ratings, listedByProvince),
            pageTowns: input.rankingPageTowns ?? RANKING_PAGE_TOWNS,
            record: async (page) => {
              // A command id per page: the runner answers a command id it has recorded with its step.
              const outcome = await runner.runDurably(
                page,
                schedulerMeta(`provincial-recommendation:${reviewYear}`),
              );
              logRefusal(page.type, outcome);
              return 'recorded' in outcome;
            },
          }),
        );
      },
    }),
  });
  if (end === 'continue-as-new') {
    // The members stay in the stream; the next run gets their counts and hash (decision 0067).
    const handed = patched(MEMBERS_IN_STORE) ? handOver(runner.position) : { position: runner.position };
    return continueAsNew<typeof programmeWorkflow>({
      ...input,
      continued: {
        ...handed,
        ...(listedByProvince.length > 0 ? { listedByProvince } : {}),
        skipped: [...skipped],
        outbox: outbox.pending,
      },
    });
  }
  return runner.state;

  async function perform(effect: ProgrammeOutgoing): Promise<void> {
    if (effect.kind === 'relay') {
      await getExternalWorkflowHandle(effect.workflowId).signal(relayedTownCommandSignal, effect.relay);
      return;
    }
    const batch: BatchWorkflowInput = {
      programmeId,
      batchId: effect.batchId,
      policy: input.policy,
      priorListedByCounty: effect.priorListedByCounty,
      programmeWorkflowId: workflowId,
      ...(input.limits ? { limits: input.limits } : {}),
      ...(naming ? { naming } : {}),
      ...(input.listPageTowns ? { listPageTowns: input.listPageTowns } : {}),
    };
    // Started on its own, not as a child: see docs/decisions/0011-lifecycle-workflows.md.
    await workflowStarter.startWorkflow({
      workflowType: batchWorkflowType,
      workflowId: batchWorkflowId(effect.batchId),
      taskQueue: workflowInfo().taskQueue,
      args: [batch],
    });
  }
}
