// What other features may use of the deadlines feature.
export { UpcomingDeadlineDto } from './deadlines.dto';
