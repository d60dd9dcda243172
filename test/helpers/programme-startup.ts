import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits, bounded, until a workflow another workflow starts (the programme starts its batches through
 * an activity) exists: polling `describe`, since nothing signals the outside world when it starts.
 */
export async function waitForWorkflow(client: Client, workflowId: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.workflow.getHandle(workflowId).describe();
      return;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError) || Date.now() > deadline) throw error;
      await delay(100);
    }
  }
}

/**
 * Waits, bounded, until `holds` says yes: for what a workflow does by itself, out of sight (a pending
 * step settled by its loop, a message delivered). Polls; fails naming what never happened.
 */
export async function eventually(
  what: string,
  holds: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await delay(100);
  }
}
