export * from './programme.commands';
export * from './programme.events';
export * from './programme.state';
export { evolveProgramme } from './programme.evolve';
export { decideProgramme, programmeDecider } from './programme.decider';
export { programmeCommandSeats } from './programme.permissions';
export { candidatesInRankOrder, compareRanked, rankCandidates, rankCandidate } from './provincial-ranking';
export { MAX_RANKING_PAGE_TOWNS } from './provincial-round-pages';
export {
  membersOf,
  summariseMembers,
  withoutMembers,
  type MembersSummary,
  type ProgrammeMembers,
} from './programme-members';
