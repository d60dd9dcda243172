import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

/** What the run that continued a chain was started with: the carried-over part of its input. */
export async function continuationOf<Continued>(handle: WorkflowHandle): Promise<Continued | undefined> {
  const history = await handle.fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload) throw new Error('no input');
  return defaultPayloadConverter.fromPayload<{ continued?: Continued }>(payload).continued;
}
