import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  allowedBatchCommands,
  decideBatch,
  evolveBatch,
  initialBatchState,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
  type DecideList,
  type PublishList,
  type RecordDefenceScore,
  type SubmitApplication,
} from '../../domain/batch';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { DecisionContext } from '../../domain/shared/decision';
import { decideTown, initialTownState, type ApplyForTown } from '../../domain/town';
import { batchListPublishedSignal } from '../programme/programme.messages';
import { runEntityLoop } from '../shared/entity-loop';
import { durableAppend, interactiveAppend, workflowStarter } from '../shared/activity-proxies';
import { officialsOnly } from '../shared/officials-only';
import { Outbox } from '../shared/outbox';
import { refusalFailure, refusalToFailure } from '../shared/refusal-failure';
import { logRefusal, reminderCommand, scheduleOf, schedulerMeta, upcoming } from '../shared/scheduler';
import { newStream, StreamCommandRunner, type StepMeta } from '../shared/stream-command-runner';
import {
  relayedTownCommandSignal,
  townWorkflowId,
  townWorkflowType,
  type TownWorkflowInput,
} from '../town/town.messages';
import { workflowNow } from '../workflow-clock';
import { messagesOnPublication } from './batch-publication';
import {
  batchAllowedQuery,
  batchDeadlinesQuery,
  batchRecordedEventIdsQuery,
  batchStream,
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
  const outbox = new Outbox<BatchOutgoing>(
    continued?.outbox ?? [],
    (message) =>
      message.kind === 'town'
        ? getExternalWorkflowHandle(message.workflowId).signal(relayedTownCommandSignal, message.relay)
        : getExternalWorkflowHandle(message.workflowId).signal(batchListPublishedSignal, message.published),
    { recipientOf: (message) => message.workflowId },
  );
  const runner = new StreamCommandRunner<BatchState, BatchCommand, BatchEvent>({
    stream: batchStream(input.programmeId, batchId),
    decider: { decide: decideBatch, evolve: evolveBatch },
    from: continued?.position ?? newStream(initialBatchState),
    appends: { interactive: interactiveAppend.appendToStream, durable: durableAppend.appendToStream },
    opensFirst: !continued,
    onRecorded: (events, meta) =>
      outbox.push(
        ...messagesOnPublication(events, meta, {
          batchId,
          workflowId,
          ...(programmeWorkflowId ? { programmeWorkflowId } : {}),
        }),
      ),
  });
  const context = (meta: StepMeta, now = workflowNow()): DecisionContext => ({
    now,
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });
  const answers = new Map<string, TownApplicationAnswer>();
  const skipped = new Set(continued?.skipped ?? []);

  /** The application as the town records it, in this batch. */
  const townApplication = (data: SubmitApplication['data']): ApplyForTown => ({
    type: 'ApplyForTown',
    data: { ...data, batchId },
  });

  /** Recorded in the batch first (quota and window), then handed to the town the batch starts. */
  async function apply({
    data,
    meta,
  }: BatchStepRequest<SubmitApplication['data']>): Promise<ApplicationRecorded> {
    let decidedAt = '';
    const batch = await runner.run(
      { type: 'SubmitApplication', data },
      () => context(meta, (decidedAt = workflowNow())),
      meta,
    );
    const townWorkflowIdOfApplicant = townWorkflowId(data.townId);
    const town: TownWorkflowInput = {
      townId: data.townId,
      policy: input.policy,
      application: {
        request: { command: townApplication(data), meta },
        decidedAt,
        batchWorkflowId: workflowId,
      },
      ...(programmeWorkflowId ? { programmeWorkflowId } : {}),
      ...(input.limits ? { limits: input.limits } : {}),
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
    const ctx = context(meta);
    runner.validate({ type: 'SubmitApplication', data }, ctx);
    try {
      decideTown(townApplication(data), initialTownState, ctx);
    } catch (error) {
      refusalToFailure(error);
    }
  }

  const run = (command: BatchCommand, meta: StepMeta) => runner.run(command, () => context(meta), meta);
  const validate = (command: BatchCommand, meta: StepMeta) => runner.validate(command, context(meta));

  setHandler(submitApplicationUpdate, (request) => apply(request), {
    validator: officialsOnly(validateApplication),
  });
  setHandler(recordDefenceScoreUpdate, ({ data, meta }) => run({ type: 'RecordDefenceScore', data }, meta), {
    validator: officialsOnly(({ data, meta }: BatchStepRequest<RecordDefenceScore['data']>) =>
      validate({ type: 'RecordDefenceScore', data }, meta),
    ),
  });
  setHandler(decideListUpdate, ({ data, meta }) => run({ type: 'DecideList', data }, meta), {
    validator: officialsOnly(({ data, meta }: BatchStepRequest<DecideList['data']>) =>
      validate({ type: 'DecideList', data }, meta),
    ),
  });
  setHandler(publishListUpdate, ({ data, meta }) => run({ type: 'PublishList', data }, meta), {
    validator: officialsOnly(({ data, meta }: BatchStepRequest<PublishList['data']>) =>
      validate({ type: 'PublishList', data }, meta),
    ),
  });
  setHandler(townApplicationAnswerSignal, (answer) => void answers.set(answer.townId, answer));

  setHandler(batchViewQuery, () => ({
    programmeId: input.programmeId,
    batchId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    state: runner.state,
  }));
  setHandler(batchAllowedQuery, ({ seat, county }) =>
    allowedBatchCommands(runner.state, {
      now: workflowNow(),
      policy,
      ...(seat ? { seat } : {}),
      ...(county ? { county } : {}),
    }),
  );
  setHandler(batchDeadlinesQuery, () => upcoming(runner.state.deadlines, runner.state.remindersSent, policy));
  setHandler(batchRecordedEventIdsQuery, () => runner.recordedEventIds);

  if (!continued) {
    const meta = schedulerMeta(`batch-opens:${batchId}`);
    const { priorListedByCounty } = input;
    logRefusal(
      'OpenBatch',
      await runner.open(
        { type: 'OpenBatch', data: { batchId, priorListedByCounty } },
        () => context(meta),
        meta,
      ),
    );
  }

  const end = await runEntityLoop({
    runner,
    outbox,
    skipped,
    limits: input.limits,
    // Published, or never opened (its window had already closed): nothing is left to wait for.
    finished: () => runner.state.status === 'published' || runner.state.status === 'not-opened',
    scheduled: scheduleOf(runner, { policy, context, reminder: reminderCommand }),
  });
  if (end === 'continue-as-new') {
    return continueAsNew<typeof batchWorkflow>({
      ...input,
      continued: { position: runner.position, skipped: [...skipped], outbox: outbox.pending },
    });
  }
  return runner.state;
}
