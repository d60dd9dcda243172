import { continueAsNew, getExternalWorkflowHandle, log, setHandler } from '@temporalio/workflow';
import { isAfter } from '../../domain/calendar/instant';
import { parsePolicyPack } from '../../domain/policy/define-policy-pack';
import type { DecisionContext } from '../../domain/shared/decision';
import {
  allowedTownCommands,
  type TownCommand,
  type TownEvent,
  type TownState,
  townDecider,
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
  const context = (meta: StepMeta, now: string): DecisionContext => ({
    now,
    actor: meta.actor,
    policy,
    commandId: meta.commandId,
  });
  const runner = new StreamCommandRunner<TownState, TownCommand, TownEvent>({
    stream: townDecider.streamOf(input.townId),
    decider: townDecider,
    context,
    from: continued?.position ?? newStream(townDecider.initialState),
    activities: { interactive: interactiveAppend, durable: durableAppend },
    opensFirst: !continued && input.application !== undefined,
    onRecorded: (events) => {
      const programme = input.programmeWorkflowId;
      if (programme)
        outbox.push(...reportsOf(input.townId, events).map((report) => ({ workflowId: programme, report })));
    },
  });
  const relay = async ({ command, from, commandId, correlationId }: RelayedTownCommand): Promise<void> => {
    const meta = relayMeta(from, correlationId, commandId);
    logRefusal(command.type, await runner.runDurably(command, meta));
  };
  const skipped = new Set(continued?.skipped ?? []);

  setHandler(
    townCommandUpdate,
    (request) =>
      runner.run(request.command, inspectorAsRecorded(request.command, request.meta), decidedAtOf(request)),
    {
      validator: officialsOnly((request: TownCommandRequest) =>
        runner.validate(request.command, request.meta, decidedAtOf(request).now),
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
    recording: runner.recording,
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
        scheduled: scheduleOf(runner, { policy, reminder: reminderCommand }),
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
      outcome = await runner.open(request.command, request.meta, { now: decidedAt });
    } catch (error) {
      // Not a refusal but a failure (the town's stream is not where a new town's must be): the batch
      // must not wait for an answer that would never come.
      await answer({ townId: input.townId, refused: notRecorded(String(error)) });
      throw error;
    }
    if ('recorded' in outcome) await answer({ townId: input.townId, recorded: outcome.recorded });
    else if ('refused' in outcome)
      await answer({ townId: input.townId, refused: refusalDetails(outcome.refused) });
    else await answer({ townId: input.townId, refused: outcome.failed });
    return 'recorded' in outcome;
  }
}

/**
 * The instant an application handed over by its batch is decided at: the batch's own (never later than
 * now). Every other step is decided when it gets its turn.
 */
function decidedAtOf({ command, decidedAt }: TownCommandRequest): { now?: string } {
  if (command.type !== 'ApplyForTown' || decidedAt === undefined) return {};
  return isAfter(decidedAt, workflowNow()) ? {} : { now: decidedAt };
}

function notRecorded(reason: string): RefusalDetails {
  return {
    code: 'APPLICATION_NOT_RECORDED',
    messageZh: '小镇未能记录申报。',
    messageEn: `The town could not record the application: ${reason}`,
  };
}
