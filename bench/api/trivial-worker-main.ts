/**
 * The bare Updates' worker in a process of its own, for `BENCH_TOPOLOGY=processes`: the bare side then
 * runs as the product's worker does there, beside neither the API nor the load.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { trivialActivities } from './trivial.activities';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.TEMPORAL_TASK_QUEUE;
  if (!address || !taskQueue) throw new Error('TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE are required');
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./trivial.workflow'),
    activities: trivialActivities,
  });
  const stop = () => worker.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  console.log(`Bare worker polling ${taskQueue}`);
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
