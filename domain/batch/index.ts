export * from './batch.commands';
export * from './batch.events';
export * from './batch.state';
export { evolveBatch } from './batch.evolve';
export { decideBatch, batchDecider } from './batch.decider';
export { batchCommandSeats } from './batch.permissions';
export { allowedBatchCommands } from './batch.allowed';
export type { BatchAllowedContext } from './batch.allowed';
export { batchRanking, countyPlaces } from './batch.ranking';
export type { CountyPlaces, RankedApplicant, RankingBar } from './batch.ranking';
export { MAX_LIST_PAGE_TOWNS, nextListPage } from './batch-list-pages';
export {
  batchMembersOf,
  summariseBatchMembers,
  withoutBatchMembers,
  type BatchMembers,
  type BatchMembersSummary,
  type BatchScoreEntry,
} from './batch-members';
