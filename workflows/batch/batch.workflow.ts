import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  allowedBatchCommands,
  batchMembersOf,
  summariseBatchMembers,
  withoutBatchMembers,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
  type DecideList,
  type PublishList,
  type RecordDefenceScore,
  type SubmitApplication,
  batchDecider,
} from '../../domain/batch';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import { policyInputOf } from '../../domain/policy/policy-reference';
import type { DecisionContext } from '../../domain/shared/decision';
import { townDecider } from '../../domain/town';
import { upcomingDeadlines } from '../../domain/shared/deadline-reminders';
import { batchListPublishedSignal } from '../programme/programme.messages';
import { runEntityLoop } from '../shared/entity-loop';
import { workflowStarter } from '../shared/activity-proxies';
import { Outbox } from '../shared/outbox';
import { searchAttributesKeeper } from '../shared/search-attributes';
import { TakeOverGate } from './take-over-gate';
import { refusalFailure, refusalToFailure } from '../shared/refusal-failure';
import { logRefusal, scheduleOf, schedulerMeta } from '../shared/scheduler';
import { StreamCommandRunner } from '../shared/stream-command-runner';
import { newStream, type RecordedStep, type StepMeta } from '../shared/stream-step';
import { relayedTownCommandSignal, townWorkflowType, type TownWorkflowInput } from '../town/town.messages';
import { workflowNow } from '../workflow-clock';
import { applicationConfirmer, TOWN_ANSWERS_APPLICATIONS_PATCH, townApplication } from './batch-applications';
import { BATCH_MEMBERS_IN_STORE, handOverBatch, takeOverBatch } from './batch-members';
import { closeOf, LIST_IN_PAGES, LIST_PAGE_TOWNS, recordListInPages, resumedList } from './batch-list-pages';
import { messagesOnPublication } from './batch-publication';
import {
  batchAllowedQuery,
  batchDeadlinesQuery,
  batchRecordedEventIdsQuery,
  batchViewQuery,
  decideListUpdate,
  publishListUpdate,
  recordDefenceScoreUpdate,
  submitApplicationUpdate,
  townApplicationAnswerSignal,
  type ApplicationRecorded,
  type BatchOutgoing,
  type BatchStepRequest,
  type BatchWorkflowInput,
  type TownApplicationAnswer,
} from './batch.messages';

/**
 * One application batch (§IV.1): it opens, its window closes by itself at the pack's date, each
 * application starts the town's own workflow, the office scores the defences, the joint meeting decides
 * and publishes the list, and every applicant's town then records its outcome. The batch ends there;
 * the towns it started live on (they are workflows of their own, not children).
 */
export async function batchWorkflow(input: BatchWorkflowInput): Promise<BatchState> {
  const policy = parsePolicyPack(input.policy);
  const { continued, batchId, programmeWorkflowId } = input;
  const workflowId = workflowInfo().workflowId;
  const keepSearchAttributes = searchAttributesKeeper();
  const searchValues = (state: BatchState) => ({
    EntityKind: 'batch' as const,
    ProgrammeId: input.programmeId,
    TownBatch: batchId,
    TownStatus: state.status,
  });
  const outbox = new Outbox<BatchOutgoing>(
    continued?.outbox ?? [],
    (message) =>
      message.kind === 'town'
        ? getExternalWorkflowHandle(message.workflowId).signal(relayedTownCommandSignal, message.relay)
        : getExternalWorkflowHandle(message.workflowId).signal(batchListPublishedSignal, message.published),
    { recipientOf: (message) => message.workflowId },
  );
  const context = (meta: StepMeta, now: string): DecisionContext => ({
    now,
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });
  /** What a town this batch starts is started with; the pack by reference when this build carries it. */
  const townPolicy = policyInputOf(policy);
  const townInput = (townId: string): TownWorkflowInput => ({
    townId,
    policy: townPolicy,
    ...(programmeWorkflowId ? { programmeWorkflowId, programmeId: input.programmeId } : {}),
    ...(input.limits ? { limits: input.limits } : {}),
  });
  const stream = batchDecider.streamOf(input.programmeId, batchId, input.naming);
  // A run handed over without its members reads them back first (decision 0097); others start at once.
  // A run that reads registers its updates before, so a step sent meanwhile waits for the read.
  const gate = new TakeOverGate(continued?.members !== undefined);
  if (!gate.open) registerUpdates();
  const from = !continued
    ? newStream(batchDecider.initialState)
    : continued.members
      ? await takeOverBatch(stream, continued.position, { ...continued, members: continued.members })
      : continued.position;
  const runner = new StreamCommandRunner<BatchState, BatchCommand, BatchEvent>({
    stream,
    decider: batchDecider,
    context,
    from,
    opensFirst: !continued,
    onRecorded: (events, meta) => {
      keepSearchAttributes(searchValues(runner.state));
      outbox.push(
        ...messagesOnPublication(
          events,
          meta,
          { batchId, workflowId, stream, ...(programmeWorkflowId ? { programmeWorkflowId } : {}) },
          runner.state,
        ),
      );
    },
    confirm: applicationConfirmer({ batchId, townInput }),
  });
  keepSearchAttributes(searchValues(runner.state));
  const answers = new Map<string, TownApplicationAnswer>();
  const skipped = new Set(continued?.skipped ?? []);

  /** Decided here (window, quota), recorded by the town, then recorded here: docs/decisions/0061. */
  async function apply(request: BatchStepRequest<SubmitApplication['data']>): Promise<ApplicationRecorded> {
    if (!patched(TOWN_ANSWERS_APPLICATIONS_PATCH)) return applyThenStartTown(request);
    const { data, meta } = request;
    const batch = await runner.run({ type: 'SubmitApplication', data }, meta, { confirm: true });
    const town = batch.confirmation;
    if (!town) throw new RangeError('an application was recorded without its town');
    return { townWorkflowId: townDecider.streamOf(data.townId), batch, town };
  }

  /**
   * How runs started before decision 0061 took applications, kept for their replay: recorded in the
   * batch first, then handed to the town the batch starts, whose answer came back as a signal.
   */
  async function applyThenStartTown({
    data,
    meta,
  }: BatchStepRequest<SubmitApplication['data']>): Promise<ApplicationRecorded> {
    const decidedAt = workflowNow();
    const batch = await runner.run({ type: 'SubmitApplication', data }, meta, { now: decidedAt });
    const townWorkflowIdOfApplicant = townDecider.streamOf(data.townId);
    const town: TownWorkflowInput = {
      ...townInput(data.townId),
      application: {
        request: { command: townApplication(batchId, data), meta },
        decidedAt,
        batchWorkflowId: workflowId,
      },
    };
    // The town lives for years after its batch ends: started on its own, not as a child.
    await workflowStarter.startWorkflow({
      workflowType: townWorkflowType,
      workflowId: townWorkflowIdOfApplicant,
      taskQueue: workflowInfo().taskQueue,
      args: [town],
    });
    const answer = await answerFrom(data.townId);
    if ('refused' in answer) throw refusalFailure(answer.refused);
    return { townWorkflowId: townWorkflowIdOfApplicant, batch, town: answer.recorded };
  }

  async function answerFrom(townId: string): Promise<TownApplicationAnswer> {
    for (;;) {
      const answer = answers.get(townId);
      if (answer) {
        answers.delete(townId);
        return answer;
      }
      await condition(() => answers.has(townId));
    }
  }

  /** Both deciders, synchronously: the batch's rules (window, quota) and the town's own. */
  function validateApplication({ data, meta }: BatchStepRequest<SubmitApplication['data']>): void {
    const now = workflowNow();
    runner.validate({ type: 'SubmitApplication', data }, meta, now);
    try {
      townDecider.decide(townApplication(batchId, data), townDecider.initialState, context(meta, now));
    } catch (error) {
      refusalToFailure(error);
    }
  }

  const run = (command: BatchCommand, meta: StepMeta) => runner.run(command, meta);
  const validate = (command: BatchCommand, meta: StepMeta) => runner.validate(command, meta);

  /** The list is checked whole, then recorded in pages and closed (decision 0069); runs before, in one step. */
  const listPageTowns = input.listPageTowns ?? LIST_PAGE_TOWNS;
  function decideList({ data, meta }: BatchStepRequest<DecideList['data']>): Promise<RecordedStep> {
    if (!patched(LIST_IN_PAGES)) return run({ type: 'DecideList', data }, meta);
    return recordListInPages(runner, data.listed, meta, listPageTowns);
  }

  /** The officials' steps: registered before a take-over's read, or where they always were. */
  function registerUpdates(): void {
    setHandler(submitApplicationUpdate, gate.handler(validateApplication, apply), {
      validator: gate.validator(validateApplication),
    });
    const validateScore = ({ data, meta }: BatchStepRequest<RecordDefenceScore['data']>) =>
      validate({ type: 'RecordDefenceScore', data }, meta);
    setHandler(
      recordDefenceScoreUpdate,
      gate.handler(validateScore, ({ data, meta }) => run({ type: 'RecordDefenceScore', data }, meta)),
      { validator: gate.validator(validateScore) },
    );
    const validateList = ({ data, meta }: BatchStepRequest<DecideList['data']>) => {
      // The same decision again, once recorded whole: let through (the seat and the request's fingerprint
      // checked on its close), to be answered with the steps it recorded.
      const close = closeOf(meta);
      if (runner.answered(close.commandId))
        return validate({ type: 'CloseList', data: { pages: 0, towns: 0 } }, close);
      // A list whose pages were interrupted is taken up again where they stopped: its next step is judged.
      validate(resumedList(runner.state, data.listed, listPageTowns) ?? { type: 'DecideList', data }, meta);
    };
    setHandler(decideListUpdate, gate.handler(validateList, decideList), {
      validator: gate.validator(validateList),
    });
    const validatePublication = ({ data, meta }: BatchStepRequest<PublishList['data']>) =>
      validate({ type: 'PublishList', data }, meta);
    setHandler(
      publishListUpdate,
      gate.handler(validatePublication, ({ data, meta }) => run({ type: 'PublishList', data }, meta)),
      { validator: gate.validator(validatePublication) },
    );
  }

  // Where runs that read nothing always registered them; a run that read its members opens its steps.
  if (gate.open) registerUpdates();
  else gate.done();
  setHandler(townApplicationAnswerSignal, (answer) => void answers.set(answer.townId, answer));

  setHandler(batchViewQuery, () => ({
    programmeId: input.programmeId,
    batchId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    // Counts and hash, not the collections that grow with the applicants (decision 0098).
    state: withoutBatchMembers(runner.state),
    members: summariseBatchMembers(batchMembersOf(runner.state)),
    recording: runner.recording,
  }));
  setHandler(batchAllowedQuery, ({ seat, county }) =>
    allowedBatchCommands(runner.state, {
      now: workflowNow(),
      policy,
      ...(seat ? { seat } : {}),
      ...(county ? { county } : {}),
    }),
  );
  setHandler(batchDeadlinesQuery, () => upcomingDeadlines(runner.state, policy));
  setHandler(batchRecordedEventIdsQuery, () => runner.recordedEventIds);

  if (!continued) {
    const meta = schedulerMeta(`batch-opens:${batchId}`);
    const { priorListedByCounty } = input;
    logRefusal(
      'OpenBatch',
      await runner.open({ type: 'OpenBatch', data: { batchId, priorListedByCounty } }, meta),
    );
  }

  const end = await runEntityLoop({
    runner,
    outbox,
    skipped,
    limits: input.limits,
    // Published, or never opened (its window had already closed): nothing is left to wait for.
    finished: () => runner.state.status === 'published' || runner.state.status === 'not-opened',
    scheduled: scheduleOf(runner, { policy }),
  });
  if (end === 'continue-as-new') {
    // The members stay in the stream; the next run gets their counts and hash (decision 0097).
    const handed = patched(BATCH_MEMBERS_IN_STORE)
      ? handOverBatch(runner.position)
      : { position: runner.position };
    return continueAsNew<typeof batchWorkflow>({
      ...input,
      continued: { ...handed, skipped: [...skipped], outbox: outbox.pending },
    });
  }
  return runner.state;
}
