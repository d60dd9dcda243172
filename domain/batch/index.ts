export * from './batch.commands';
export * from './batch.events';
export * from './batch.state';
export { evolveBatch } from './batch.evolve';
export { decideBatch } from './batch.decider';
export { batchCommandSeats } from './batch.permissions';
export { allowedBatchCommands } from './batch.allowed';
export type { BatchAllowedContext } from './batch.allowed';
