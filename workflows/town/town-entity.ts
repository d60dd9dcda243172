/**
 * The plumbing of the town's entity workflow: its stream's runner (decide, record, evolve), the reports
 * queued for its programme, and what its handlers and the next run are given.
 */
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { policyOfInput } from '../../domain/policy/policy-reference';
import type { Seat } from '../../domain/shared/seats';
import {
  allowedTownCommands,
  type TownCommand,
  type TownCommandType,
  type TownEvent,
  type TownState,
  townDecider,
} from '../../domain/town';
import { Outbox } from '../shared/outbox';
import { searchAttributesKeeper, type EntitySearchValues } from '../shared/search-attributes';
import { logRefusal, relayMeta } from '../shared/scheduler';
import { StreamCommandRunner } from '../shared/stream-command-runner';
import { newStream, type RecordedStep } from '../shared/stream-step';
import { workflowNow } from '../workflow-clock';
import { inspectorAsRecorded } from './inspector-unit.patch';
import { decidedAtOf } from './town-application';
import { reportsOf } from './town-lifecycle';
import {
  townReportSignal,
  type RelayedTownCommand,
  type TownCommandRequest,
  type TownOutgoing,
  type TownView,
  type TownWorkflowInput,
} from './town.messages';

/** What one run of the town workflow holds. */
export interface TownEntity {
  readonly townId: string;
  readonly policy: PolicyPack;
  readonly runner: StreamCommandRunner<TownState, TownCommand, TownEvent>;
  /** Reports to the programme, queued by steps and sent by the workflow's loop. */
  readonly outbox: Outbox<TownOutgoing>;
  /** Deadlines and reminders that fired without effect: never fired again. */
  readonly skipped: Set<string>;
}

/** Where this run starts: a new stream, or exactly where the previous run stopped. */
export function openTownEntity(input: TownWorkflowInput): TownEntity {
  // Validated and its hash checked (a referenced pack rebuilt from this build's code and checked against
  // the version it must have): a pack altered on the way in is refused, not run.
  const policy = policyOfInput(input.policy);
  const { continued, programmeWorkflowId } = input;
  const keepSearchAttributes = searchAttributesKeeper();
  const outbox = new Outbox<TownOutgoing>(continued?.outbox ?? [], ({ workflowId, report }) =>
    getExternalWorkflowHandle(workflowId).signal(townReportSignal, report),
  );
  const runner = new StreamCommandRunner<TownState, TownCommand, TownEvent>({
    stream: townDecider.streamOf(input.townId),
    decider: townDecider,
    context: (meta, now) => ({ now, actor: meta.actor, policy, commandId: meta.commandId }),
    from: continued?.position ?? newStream(townDecider.initialState),
    opensFirst: !continued && input.application !== undefined,
    onRecorded: (events) => {
      keepSearchAttributes(townSearchValues(input, runner.state));
      if (programmeWorkflowId) {
        const reports = reportsOf(input.townId, events);
        outbox.push(...reports.map((report) => ({ workflowId: programmeWorkflowId, report })));
      }
    },
  });
  keepSearchAttributes(townSearchValues(input, runner.state));
  return { townId: input.townId, policy, runner, outbox, skipped: new Set(continued?.skipped ?? []) };
}

/** How operators find the town: by county, batch, status and programme (docs/decisions/0127). */
function townSearchValues(input: TownWorkflowInput, state: TownState): EntitySearchValues {
  return {
    EntityKind: 'town',
    ProgrammeId: input.programmeId ?? null,
    TownCounty: state.county,
    TownBatch: state.batchId,
    TownStatus: state.status,
  };
}

/** An official's step: judged by the decider before it is accepted (synchronously, changing nothing). */
export function checkStep({ runner }: TownEntity, request: TownCommandRequest): void {
  runner.validate(request.command, request.meta, decidedAtOf(request).now);
}

/** An official's step, recorded when its turn comes; a refusal is thrown back to the official. */
export function takeStep({ runner }: TownEntity, request: TownCommandRequest): Promise<RecordedStep> {
  const { command, meta } = request;
  return runner.run(command, inspectorAsRecorded(command, meta), decidedAtOf(request));
}

/** A round another workflow relays: recorded as seat `system`, durably; a refusal is only logged. */
export async function takeRelayedStep(
  { runner }: TownEntity,
  { command, from, commandId, correlationId }: RelayedTownCommand,
): Promise<void> {
  logRefusal(command.type, await runner.runDurably(command, relayMeta(from, correlationId, commandId)));
}

export function viewOf({ townId, policy, runner }: TownEntity): TownView {
  return {
    townId,
    policyId: policy.id,
    policyVersion: policy.version,
    streamVersion: runner.version,
    state: runner.state,
    recording: runner.recording,
  };
}

export function allowedSteps({ policy, runner }: TownEntity, seat?: Seat): Record<Seat, TownCommandType[]> {
  return allowedTownCommands(runner.state, { now: workflowNow(), policy, ...(seat ? { seat } : {}) });
}

/** The next run's input: this one's, with the record where it stands and no application to hand over. */
export function nextRunOf(
  input: TownWorkflowInput,
  { runner, skipped, outbox }: TownEntity,
): TownWorkflowInput {
  const { application: _handledInAnEarlierRun, ...rest } = input;
  return { ...rest, continued: { position: runner.position, skipped: [...skipped], outbox: outbox.pending } };
}
