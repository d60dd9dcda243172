/**
 * An application batch (§IV.1): the window, the applications with the county quota, the competitive
 * defence, the joint meeting's list and its publication.
 */
import type { ApplicationInput } from '../shared/application-rules';
import type { SendDeadlineReminder } from '../shared/deadline-reminders';

interface Command<T extends string, D> {
  readonly type: T;
  readonly data: D;
}

/** Opens the batch; `priorListedByCounty` carries the towns earlier batches listed, for the quota. */
export type OpenBatch = Command<
  'OpenBatch',
  { readonly batchId: string; readonly priorListedByCounty: Readonly<Record<string, readonly string[]>> }
>;
export type SubmitApplication = Command<'SubmitApplication', { readonly townId: string } & ApplicationInput>;
export type CloseApplicationWindow = Command<'CloseApplicationWindow', Readonly<Record<string, never>>>;
/**
 * One score per criterion of the pack, 0..maxCriterionScore; and, where the pack sets application
 * conditions, the office's finding on each one the applicant declared (true: confirmed).
 */
export type RecordDefenceScore = Command<
  'RecordDefenceScore',
  {
    readonly townId: string;
    readonly scores: Readonly<Record<string, number>>;
    readonly conditions?: Readonly<Record<string, boolean>>;
  }
>;
export type DecideList = Command<'DecideList', { readonly listed: readonly string[] }>;
export type PublishList = Command<'PublishList', Readonly<Record<string, never>>>;
/**
 * One page of the joint meeting's list decision (docs/decisions/0069): applicants in rank order, each
 * with whether it is listed. The workflow records a decided list page by page, then closes it.
 */
export type RecordListPage = Command<
  'RecordListPage',
  { readonly page: number; readonly towns: readonly { readonly townId: string; readonly listed: boolean }[] }
>;
/** Closes a list recorded in pages: every applicant is on a page. */
export type CloseList = Command<'CloseList', { readonly pages: number; readonly towns: number }>;

export type BatchCommand =
  | OpenBatch
  | SubmitApplication
  | CloseApplicationWindow
  | RecordDefenceScore
  | DecideList
  | PublishList
  | RecordListPage
  | CloseList
  | SendDeadlineReminder;

export type BatchCommandType = BatchCommand['type'];

export const batchCommandTypes: readonly BatchCommandType[] = [
  'OpenBatch',
  'SubmitApplication',
  'CloseApplicationWindow',
  'RecordDefenceScore',
  'DecideList',
  'PublishList',
  'RecordListPage',
  'CloseList',
  'SendDeadlineReminder',
];
