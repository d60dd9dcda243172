import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EntityNaming } from '../../domain/shared/entity-names';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type {
  MembersSummary,
  ProgrammeCommand,
  ProgrammeDeadline,
  ProgrammeState,
} from '../../domain/programme';
import type { WorkflowLimits } from '../shared/continue-as-new';
import type { UpcomingDeadlines } from '../../domain/shared/deadline-reminders';
import type { RecordedStep, RecordingHealth, StepMeta, StreamPosition } from '../shared/stream-step';
import type { RelayedTownCommand } from '../town/town.messages';

/** Defined once, imported by the workflow and by every caller (API, tests, tools). */

/**
 * Towns' ratings as they reported them: the inputs of the provincial rounds decided before the rounds
 * read the ratings from the store (decision 0063).
 */
export type ReportedRatings = Readonly<
  Record<string, Readonly<Record<string, { readonly rating: string; readonly score: number | null }>>>
>;

/**
 * What a batch tells its programme once its list is published: the towns listed (batches deciding in
 * one step), or, for a list recorded in pages (decision 0069), how many and the hash of the batch's
 * pages, the programme reading the towns from the batch's stream.
 */
export type BatchListPublished = {
  readonly batchId: string;
  readonly commandId: string;
  readonly correlationId: string;
} & (
  | { readonly listed: readonly { readonly townId: string; readonly county: string }[] }
  | { readonly inPages: BatchListInPages }
);

export interface BatchListInPages {
  readonly stream: string;
  readonly pages: number;
  readonly listed: number;
  readonly pagesDigest: string;
}

/** What the programme does to other workflows, queued until its main loop does it. */
export type ProgrammeOutgoing =
  | { readonly kind: 'relay'; readonly workflowId: string; readonly relay: RelayedTownCommand }
  | {
      readonly kind: 'start-batch';
      readonly batchId: string;
      readonly priorListedByCounty: Readonly<Record<string, readonly string[]>>;
    };

export interface ProgrammeContinuation {
  /** Since decision 0067 (with `members`), its state's listed, exited and recommended towns are empty. */
  readonly position: StreamPosition<ProgrammeState, ProgrammeCommand>;
  /** What stands for the members the next run reads back from the stream (absent in earlier runs). */
  readonly members?: MembersSummary;
  /** Reported ratings, carried only by runs continued before rounds read them from the store. */
  readonly ratings?: ReportedRatings;
  /** Towns that reported the province listed them (absent in runs continued before the field). */
  readonly listedByProvince?: readonly string[];
  readonly skipped: readonly string[];
  readonly outbox: readonly ProgrammeOutgoing[];
}

export interface ProgrammeWorkflowInput {
  readonly programmeId: string;
  /** The whole pack, as for towns: the history says exactly which rules the programme ran under. */
  readonly policy: PolicyPack;
  readonly continued?: ProgrammeContinuation;
  /** Towns per page of a provincial round (default 500; at most 1,000). Tests lower it. */
  readonly rankingPageTowns?: number;
  /** Applicants per page of a batch's list (passed on to the batches; default 500, at most 1,000). */
  readonly listPageTowns?: number;
  /** Applied to this workflow and passed on to its batches and their towns. */
  readonly limits?: WorkflowLimits;
  /**
   * How the programme names its batches (passed on to them): `unambiguous` since decision 0062; absent
   * for programmes started before, whose batches keep their hyphenated names.
   */
  readonly naming?: EntityNaming;
}

export interface ProgrammeStepRequest {
  readonly meta: StepMeta;
}

/**
 * The programme as its run holds it, in a size that does not grow with the towns: the state without its
 * listed, exited and recommended towns (empty lists), and what stands for them, their counts and hash.
 * The lists are in the programme's stream; the API serves them from its read models (decision 0068).
 */
export interface ProgrammeView {
  readonly programmeId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly streamVersion: number;
  readonly state: ProgrammeState;
  readonly members: MembersSummary;
  /** Towns that reported ratings to this run: `programmeReportedRatingsQuery` gives them a page at a time. */
  readonly reportedRatings: number;
  readonly listedByProvince: readonly string[];
  readonly recording?: RecordingHealth;
  /** How its batches are named (absent: hyphenated, for a programme started before decision 0062). */
  readonly naming?: EntityNaming;
}

/** A page of the ratings reported to this run, in the order the towns first reported. */
export interface ReportedRatingsPageRequest {
  readonly offset: number;
  readonly limit: number;
}

/**
 * Ratings reported to this run (a run hands none over: the rounds read the towns' streams). The record
 * of every rating is the towns' streams and the read models built from them.
 */
export interface ReportedRatingsPage {
  readonly ratings: ReportedRatings;
  readonly total: number;
}

/** Towns per page of reported ratings: about 160 KiB at three years of ratings. */
export const REPORTED_RATINGS_PAGE = 1_000;

/** The joint meeting closes the programme once the final round is under way. */
export const closeProgrammeUpdate = defineUpdate<RecordedStep, [ProgrammeStepRequest]>('closeProgramme');

export const batchListPublishedSignal = defineSignal<[BatchListPublished]>('batchListPublished');

export const programmeViewQuery = defineQuery<ProgrammeView>('programmeView');
export const programmeReportedRatingsQuery = defineQuery<ReportedRatingsPage, [ReportedRatingsPageRequest]>(
  'programmeReportedRatings',
);
export const programmeDeadlinesQuery =
  defineQuery<UpcomingDeadlines<ProgrammeDeadline>>('programmeDeadlines');
export const programmeRecordedEventIdsQuery = defineQuery<readonly string[]>('programmeRecordedEventIds');
