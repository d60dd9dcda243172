export * from './programme.commands';
export * from './programme.events';
export * from './programme.state';
export { evolveProgramme } from './programme.evolve';
export { decideProgramme, programmeDecider } from './programme.decider';
export { programmeCommandSeats } from './programme.permissions';
export { rankCandidates, rankCandidate } from './provincial-ranking';
