import type { Seat } from '../shared/seats';
import type { ProgrammeCommandType } from './programme.commands';

export const programmeCommandSeats: Readonly<Record<ProgrammeCommandType, readonly Seat[]>> = {
  StartProgramme: ['administrator', 'system'],
  OpenProgrammeBatch: ['system'],
  RecordBatchList: ['system', 'joint-meeting-secretary'],
  RecordBatchListPage: ['system'],
  CloseBatchList: ['system'],
  RecordTownExit: ['system'],
  OpenReviewCycle: ['system'],
  DecideProvincialRecommendations: ['joint-meeting-secretary', 'system'],
  RecordProvincialRankingPage: ['system'],
  CloseProvincialRound: ['system'],
  StartFinalAcceptanceRound: ['system'],
  CloseProgramme: ['joint-meeting-secretary'],
  SendDeadlineReminder: ['system'],
};
