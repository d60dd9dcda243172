/**
 * The programme as a whole: its calendar from the pack (batches, yearly review cycles, final
 * acceptance), the towns it has listed and lost, and the provincial recommendation rounds.
 */
import type { SendDeadlineReminder } from '../shared/deadline-reminders';

interface Command<T extends string, D> {
  readonly type: T;
  readonly data: D;
}
type NoData = Readonly<Record<string, never>>;

/** One town's ratings as the towns' own streams record them, gathered for a recommendation round. */
export interface RecommendationCandidate {
  readonly townId: string;
  readonly ratingsByYear: Readonly<
    Record<string, { readonly rating: string; readonly score: number | null }>
  >;
  /** True once the town has reported that the province listed it. */
  readonly listedByProvince?: boolean;
}

export type StartProgramme = Command<'StartProgramme', { readonly programmeId: string }>;
export type OpenProgrammeBatch = Command<'OpenProgrammeBatch', { readonly batchId: string }>;
export type RecordBatchList = Command<
  'RecordBatchList',
  {
    readonly batchId: string;
    readonly listed: readonly { readonly townId: string; readonly county: string }[];
  }
>;
/** A page of the towns a batch listed in pages, read from the batch's stream (decision 0069). */
export type RecordBatchListPage = Command<
  'RecordBatchListPage',
  {
    readonly batchId: string;
    readonly page: number;
    readonly listed: readonly { readonly townId: string; readonly county: string }[];
  }
>;
/** Every town of a batch's list is recorded: the batch is listed. */
export type CloseBatchList = Command<
  'CloseBatchList',
  {
    readonly batchId: string;
    readonly pages: number;
    readonly towns: number;
    readonly batchPagesDigest: string;
  }
>;
export type RecordTownExit = Command<
  'RecordTownExit',
  { readonly townId: string; readonly supportEndsAt: string }
>;
export type OpenReviewCycle = Command<'OpenReviewCycle', { readonly year: number }>;
/** The workflow fills `candidates` from the towns' states when the round falls due. */
export type DecideProvincialRecommendations = Command<
  'DecideProvincialRecommendations',
  { readonly reviewYear: number; readonly candidates: readonly RecommendationCandidate[] }
>;
/**
 * One page of a provincial round (docs/decisions/0066): candidates in rank order, following the page
 * before, so that no record of the round grows with the programme.
 */
export type RecordProvincialRankingPage = Command<
  'RecordProvincialRankingPage',
  {
    readonly reviewYear: number;
    /** 0 for the first page. */
    readonly page: number;
    readonly candidates: readonly RecommendationCandidate[];
  }
>;
/** Ends a paged round once every page is recorded: how many pages and towns it holds. */
export type CloseProvincialRound = Command<
  'CloseProvincialRound',
  { readonly reviewYear: number; readonly pages: number; readonly towns: number }
>;
export type StartFinalAcceptanceRound = Command<'StartFinalAcceptanceRound', NoData>;
export type CloseProgramme = Command<'CloseProgramme', NoData>;

export type ProgrammeCommand =
  | StartProgramme
  | OpenProgrammeBatch
  | RecordBatchList
  | RecordBatchListPage
  | CloseBatchList
  | RecordTownExit
  | OpenReviewCycle
  | DecideProvincialRecommendations
  | RecordProvincialRankingPage
  | CloseProvincialRound
  | StartFinalAcceptanceRound
  | CloseProgramme
  | SendDeadlineReminder;

export type ProgrammeCommandType = ProgrammeCommand['type'];

export const programmeCommandTypes: readonly ProgrammeCommandType[] = [
  'StartProgramme',
  'OpenProgrammeBatch',
  'RecordBatchList',
  'RecordBatchListPage',
  'CloseBatchList',
  'RecordTownExit',
  'OpenReviewCycle',
  'DecideProvincialRecommendations',
  'RecordProvincialRankingPage',
  'CloseProvincialRound',
  'StartFinalAcceptanceRound',
  'CloseProgramme',
  'SendDeadlineReminder',
];
