import { NativeConnection, Worker } from '@temporalio/worker';
import type { TimeSkippingWorld } from '../../apps/simulate/time-skipping-world';
import type { BareActivities } from './bare-town/bare-activities';

export interface BareWorker {
  readonly taskQueue: string;
  close(): Promise<void>;
}

/**
 * A worker of its own for the bare mirror, on the same server and in the same process as the product's
 * worker, with its own bundle (bench/lifecycle/bare-town) and an activity that does nothing.
 */
export async function startBareWorker(world: TimeSkippingWorld): Promise<BareWorker> {
  const taskQueue = `${world.taskQueue}-bare`;
  const connection = await NativeConnection.connect({ address: world.env.address });
  const activities: BareActivities = { emptyStep: () => Promise.resolve() };
  const worker = await Worker.create({
    connection,
    namespace: world.env.namespace ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./bare-town'),
    activities,
  }).catch(async (error: unknown) => {
    await connection.close();
    throw error;
  });
  const running = worker.run().finally(() => connection.close());
  return {
    taskQueue,
    close: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
