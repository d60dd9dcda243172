/**
 * How an application reaches its town (docs/decisions/0061). The batch decides it (window, quota), then
 * hands it to the town as the town's own `townCommand` update, starting the town's workflow if no run of
 * it is open, and appends `ApplicationReceived` only once the town has recorded `TownApplied`. A town
 * that exists answers for itself: already applied, it refuses, and the batch records nothing. The
 * batch's turn is held meanwhile, so no other application is judged against a quota this one may still
 * take; every wait is bounded by the delivery's timeouts, and an answer that does not come leaves the
 * application pending in the batch, delivered again (same command id) before anything else.
 */
import { workflowInfo } from '@temporalio/workflow';
import type { BatchCommand, SubmitApplication } from '../../domain/batch';
import { townDecider } from '../../domain/town';
import type { ApplyForTown } from '../../domain/town';
import type { UpdateOutcome } from '../../activities/workflow-starter.activities';
import { durableDelivery, interactiveDelivery } from '../shared/activity-proxies';
import { isRefusalDetails } from '../../domain/shared/domain-refusal';
import type { RecordingFailureCode } from '../../domain/shared/recording-failures';
import type { AppendMode, Confirmation, PendingStep, RecordedStep } from '../shared/stream-step';
import {
  townCommandUpdate,
  townWorkflowType,
  type TownCommandRequest,
  type TownWorkflowInput,
} from '../town/town.messages';

/** Runs that record this marker hand applications to the town before recording them (decision 0061). */
export const TOWN_ANSWERS_APPLICATIONS_PATCH = 'town-answers-applications';

/** The application as the town records it, in this batch. */
export function townApplication(batchId: string, data: SubmitApplication['data']): ApplyForTown {
  return { type: 'ApplyForTown', data: { ...data, batchId } };
}

/** The batch runner's `confirm`: the town records its part of a pending application, or refuses it. */
export function applicationConfirmer(batch: {
  readonly batchId: string;
  /** What a town the batch starts is started with (its pack, its programme, its limits). */
  readonly townInput: (townId: string) => TownWorkflowInput;
}): (pending: PendingStep<BatchCommand>, mode: AppendMode) => Promise<Confirmation> {
  return async ({ command, meta, decidedAt }, mode) => {
    if (command.type !== 'SubmitApplication') throw new RangeError(`${command.type} needs no confirmation`);
    const { townId } = command.data;
    const request: TownCommandRequest = {
      command: townApplication(batch.batchId, command.data),
      meta,
      decidedAt,
    };
    const delivery = mode === 'interactive' ? interactiveDelivery : durableDelivery;
    try {
      const outcome = await delivery.updateWithStart({
        start: {
          workflowType: townWorkflowType,
          workflowId: townDecider.streamOf(townId),
          taskQueue: workflowInfo().taskQueue,
          args: [batch.townInput(townId)],
        },
        updateName: townCommandUpdate.name,
        updateArgs: [request],
      });
      return townAnswer(outcome, mode);
    } catch (error) {
      // Not answered in time (the town's first task failing, the server away): try again later.
      return { unknown: String(error) };
    }
  };
}

const notConfirmed: RecordingFailureCode = 'STEP_NOT_CONFIRMED';
const storeUnavailable: RecordingFailureCode = 'EVENT_STORE_UNAVAILABLE';

/**
 * What the town's answer means for the batch. A refusal, or the store refusing the data, is final and
 * nothing is recorded anywhere. A step the town could not confirm is pending there: the batch keeps its
 * own pending too and asks again. A town whose store does not answer decided nothing: an official is
 * told at once; a pending application waits for the store.
 */
function townAnswer(outcome: UpdateOutcome, mode: AppendMode): Confirmation {
  if ('completed' in outcome) return { confirmed: outcome.completed as RecordedStep };
  const { type, message, details } = outcome.failed;
  if (type === notConfirmed || !isRefusalDetails(details)) return { unknown: message };
  if (type === storeUnavailable && mode === 'durable') return { unknown: message };
  return { refused: details };
}
