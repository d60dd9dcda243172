import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** An Update that does nothing but answer: the floor a workflow Update costs on this server. */
export const touchUpdate = defineUpdate<number, [string]>('touch');

export async function trivialWorkflow(): Promise<void> {
  let touched = 0;
  setHandler(touchUpdate, () => (touched += 1));
  await condition(() => false);
}
