/**
 * An application the batch hands over (runs started before decision 0061; since then the batch sends it
 * as the town's first update): the town decides it at the batch's instant and answers the batch.
 */
import { getExternalWorkflowHandle, log } from '@temporalio/workflow';
import { isAfter } from '../../domain/calendar/instant';
import type { TownCommand, TownEvent, TownState } from '../../domain/town';
import { townApplicationAnswerSignal, type TownApplicationAnswer } from '../batch/batch.messages';
import type { RefusalDetails } from '../../domain/shared/domain-refusal';
import type { StreamCommandRunner } from '../shared/stream-command-runner';
import type { StepOutcome } from '../shared/stream-step';
import { workflowNow } from '../workflow-clock';
import type { ApplicationThroughBatch, TownCommandRequest } from './town.messages';

/** True when the town recorded the application; the batch waits for the answer either way. */
export async function applyThroughBatch(
  townId: string,
  runner: StreamCommandRunner<TownState, TownCommand, TownEvent>,
  { request, decidedAt, batchWorkflowId }: ApplicationThroughBatch,
): Promise<boolean> {
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
    await answer({ townId, refused: notRecorded(String(error)) });
    throw error;
  }
  if ('recorded' in outcome) await answer({ townId, recorded: outcome.recorded });
  else if ('refused' in outcome) await answer({ townId, refused: outcome.refused.toJSON() });
  else await answer({ townId, refused: outcome.failed });
  return 'recorded' in outcome;
}

/**
 * The instant an application handed over by its batch is decided at: the batch's own (never later than
 * now). Every other step is decided when it gets its turn.
 */
export function decidedAtOf({ command, decidedAt }: TownCommandRequest): { now?: string } {
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
