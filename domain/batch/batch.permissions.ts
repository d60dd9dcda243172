import type { Seat } from '../shared/seats';
import type { BatchCommandType } from './batch.commands';

/** §IV.1: counties apply; the office runs the defence; the joint meeting (its secretary) lists and publishes. */
export const batchCommandSeats: Readonly<Record<BatchCommandType, readonly Seat[]>> = {
  OpenBatch: ['system', 'administrator'],
  SubmitApplication: ['county-official'],
  CloseApplicationWindow: ['system'],
  RecordDefenceScore: ['joint-meeting-office'],
  DecideList: ['joint-meeting-secretary'],
  PublishList: ['joint-meeting-secretary'],
  // The pages of the secretary's list decision, recorded by the batch's workflow in their name.
  RecordListPage: ['joint-meeting-secretary'],
  CloseList: ['joint-meeting-secretary'],
  SendDeadlineReminder: ['system'],
};
