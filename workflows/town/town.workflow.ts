import { continueAsNew, getExternalWorkflowHandle, log, setHandler } from '@temporalio/workflow';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { DecisionContext } from '../../domain/shared/decision';
import {
  allowedTownCommands,
  decideTown,
  evolveTown,
  initialTownState,
  type TownCommand,
  type TownEvent,
  type TownState,
} from '../../domain/town';
import { townApplicationAnswerSignal, type TownApplicationAnswer } from '../batch/batch.messages';
import { runEntityLoop } from '../shared/entity-loop';
import { durableAppend, interactiveAppend } from '../shared/activity-proxies';
import { officialsOnly } from '../shared/officials-only';
import { Outbox } from '../shared/outbox';
import { refusalDetails, type RefusalDetails } from '../shared/refusal-failure';
import { logRefusal, relayMeta, reminderCommand, scheduleOf, upcoming } from '../shared/scheduler';
import {
  newStream,
  StreamCommandRunner,
  type StepMeta,
  type StepOutcome,
} from '../shared/stream-command-runner';
import { workflowNow } from '../workflow-clock';
import { inspectorAsRecorded } from './inspector-unit.patch';
import { isTownFinished, reportsOf } from './town-lifecycle';
import {
  relayedTownCommandSignal,
  townAllowedQuery,
  townCommandUpdate,
  townDeadlinesQuery,
  townRecordedEventIdsQuery,
  townReportSignal,
  townStream,
  townViewQuery,
  type ApplicationThroughBatch,
  type RelayedTownCommand,
  type TownCommandRequest,
  type TownOutgoing,
  type TownWorkflowInput,
} from './town.messages';

/**
 * One town's whole life: applied → listed or not → reward 1 → planning → yearly reviews → the two-year
 * check and reward 2 → exit or continue → provincial recommendation → final acceptance → closed.
 * Officials act through `townCommand` updates; deadlines and reminders fire on durable timers; other
 * workflows relay their rounds by signal. Handlers are one line each; the body only waits.
 */
export async function townWorkflow(input: TownWorkflowInput): Promise<TownState> {
  // Validated and its hash checked: a pack altered on the way in is refused, not run.
  const policy = parsePolicyPack(input.policy);
  const { continued } = input;
  const outbox = new Outbox<TownOutgoing>(continued?.outbox ?? [], ({ workflowId, report }) =>
    getExternalWorkflowHandle(workflowId).signal(townReportSignal, report),
  );
  const runner = new StreamCommandRunner<TownState, TownCommand, TownEvent>({
    stream: townStream(input.townId),
    decider: { decide: decideTown, evolve: evolveTown },
    from: continued?.position ?? newStream(initialTownState),
    appends: { interactive: interactiveAppend.appendToStream, durable: durableAppend.appendToStream },
    opensFirst: !continued && input.application !== undefined,
    onRecorded: (events) => {
      const programme = input.programmeWorkflowId;
      if (programme)
        outbox.push(...reportsOf(input.townId, events).map((report) => ({ workflowId: programme, report })));
    },
  });
  const context = (meta: StepMeta, now = workflowNow()): DecisionContext => ({
    now,
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });
  const relay = async ({ command, from, commandId, correlationId }: RelayedTownCommand): Promise<void> => {
    const meta = relayMeta(from, correlationId, commandId);
    logRefusal(command.type, await runner.runDurably(command, () => context(meta), meta));
  };
  const skipped = new Set(continued?.skipped ?? []);

  setHandler(
    townCommandUpdate,
    ({ command, meta }) => runner.run(command, () => context(inspectorAsRecorded(command, meta)), meta),
    {
      validator: officialsOnly(({ command, meta }: TownCommandRequest) =>
        runner.validate(command, context(meta)),
      ),
    },
  );
  setHandler(relayedTownCommandSignal, (message) => relay(message));

  setHandler(townViewQuery, () => ({
    townId: input.townId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    state: runner.state,
  }));
  setHandler(townAllowedQuery, ({ seat }) =>
    allowedTownCommands(runner.state, { now: workflowNow(), policy, ...(seat ? { seat } : {}) }),
  );
  setHandler(townDeadlinesQuery, () => upcoming(runner.state.deadlines, runner.state.remindersSent, policy));
  setHandler(townRecordedEventIdsQuery, () => runner.recordedEventIds);

  // An application handed over by the batch is decided at the batch's instant, then answered.
  let abandoned = false;
  if (!continued && input.application) abandoned = !(await applyThroughBatch(input.application));

  const end = abandoned
    ? 'finished'
    : await runEntityLoop({
        runner,
        outbox,
        skipped,
        limits: input.limits,
        finished: () => isTownFinished(runner.state),
        scheduled: scheduleOf(runner, { policy, context, reminder: reminderCommand }),
      });
  if (end === 'continue-as-new') {
    const { application: _handledInAnEarlierRun, ...rest } = input;
    return continueAsNew<typeof townWorkflow>({
      ...rest,
      continued: { position: runner.position, skipped: [...skipped], outbox: outbox.pending },
    });
  }
  return runner.state;

  /** True when the town recorded the application; the batch waits for the answer either way. */
  async function applyThroughBatch({
    request,
    decidedAt,
    batchWorkflowId,
  }: ApplicationThroughBatch): Promise<boolean> {
    const answer = (outcome: TownApplicationAnswer) =>
      getExternalWorkflowHandle(batchWorkflowId)
        .signal(townApplicationAnswerSignal, outcome)
        // The batch is gone; the town's own stream still says what happened.
        .catch((error: unknown) => log.warn('Application answer not delivered', { error: String(error) }));
    let outcome: StepOutcome;
    try {
      outcome = await runner.open(request.command, () => context(request.meta, decidedAt), request.meta);
    } catch (error) {
      // Not a refusal but a failure (the town's stream is not where a new town's must be): the batch
      // must not wait for an answer that would never come.
      await answer({ townId: input.townId, refused: notRecorded(String(error)) });
      throw error;
    }
    await answer(
      'recorded' in outcome
        ? { townId: input.townId, recorded: outcome.recorded }
        : { townId: input.townId, refused: refusalDetails(outcome.refused) },
    );
    return 'recorded' in outcome;
  }
}

function notRecorded(reason: string): RefusalDetails {
  return {
    code: 'APPLICATION_NOT_RECORDED',
    messageZh: '小镇未能记录申报。',
    messageEn: `The town could not record the application: ${reason}`,
  };
}
