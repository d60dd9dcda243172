// What other features may use of the towns feature.
export { HistoryEventDto, historyEventDto } from './town-history.dto';
export { RewardTotalsDto } from './town-view.dto';
