/**
 * An application batch (§IV.1): the window, the applications with the county quota, the competitive
 * defence, the joint meeting's list and its publication.
 */
import type { CandidateKindCode } from '../policy/policy-pack.schema';
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
export type SubmitApplication = Command<
  'SubmitApplication',
  {
    readonly townId: string;
    readonly name: string;
    readonly county: string;
    readonly kind: CandidateKindCode;
    readonly industry: string;
  }
>;
export type CloseApplicationWindow = Command<'CloseApplicationWindow', Readonly<Record<string, never>>>;
/** One score per criterion of the pack, 0..maxCriterionScore. */
export type RecordDefenceScore = Command<
  'RecordDefenceScore',
  { readonly townId: string; readonly scores: Readonly<Record<string, number>> }
>;
export type DecideList = Command<'DecideList', { readonly listed: readonly string[] }>;
export type PublishList = Command<'PublishList', Readonly<Record<string, never>>>;

export type BatchCommand =
  | OpenBatch
  | SubmitApplication
  | CloseApplicationWindow
  | RecordDefenceScore
  | DecideList
  | PublishList
  | SendDeadlineReminder;

export type BatchCommandType = BatchCommand['type'];

export const batchCommandTypes: readonly BatchCommandType[] = [
  'OpenBatch',
  'SubmitApplication',
  'CloseApplicationWindow',
  'RecordDefenceScore',
  'DecideList',
  'PublishList',
  'SendDeadlineReminder',
];
