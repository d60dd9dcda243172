import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EntityNaming } from '../../domain/shared/entity-names';
import type { ListsSummary } from '../../domain/shared/list-summary';
import type {
  BatchCommandType,
  BatchMembersSummary,
  BatchDeadline,
  BatchState,
  DecideList,
  PublishList,
  RecordDefenceScore,
  SubmitApplication,
} from '../../domain/batch';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { Seat } from '../../domain/shared/seats';
import type { BatchCommand } from '../../domain/batch';
import type { BatchListPublished } from '../programme/programme.messages';
import type { WorkflowLimits } from '../shared/continue-as-new';
import type { RefusalDetails } from '../../domain/shared/domain-refusal';
import type { UpcomingDeadlines } from '../../domain/shared/deadline-reminders';
import type { RecordedStep, RecordingHealth, StepMeta, StreamPosition } from '../shared/stream-step';
import type { RelayedTownCommand } from '../town/town.messages';

/** Defined once, imported by the workflow and by every caller (API, tests, tools, other workflows). */

export type BatchOutgoing =
  | { readonly kind: 'town'; readonly workflowId: string; readonly relay: RelayedTownCommand }
  | { readonly kind: 'programme'; readonly workflowId: string; readonly published: BatchListPublished };

export interface BatchContinuation {
  /**
   * Since decision 0097 (with `members`), its state's applications, scores and lists are empty, and so
   * are its `recordedEventIds`.
   */
  readonly position: StreamPosition<BatchState, BatchCommand>;
  /** What stands for the members the next run reads back from the stream (absent in earlier runs). */
  readonly members?: BatchMembersSummary;
  /** With `members`: what stands for the position's `recordedEventIds`, read back from the stream too. */
  readonly eventIds?: ListsSummary<'recordedEventIds'>;
  readonly skipped: readonly string[];
  readonly outbox: readonly BatchOutgoing[];
}

export interface BatchWorkflowInput {
  readonly programmeId: string;
  readonly batchId: string;
  readonly policy: PolicyPack;
  /** Towns earlier batches listed, per county: the programme-wide quota counts them. */
  readonly priorListedByCounty: Readonly<Record<string, readonly string[]>>;
  /** The programme told when the list is published; also passed to every town the batch starts. */
  readonly programmeWorkflowId?: string;
  /** How the batch names itself (absent: a chain started before decision 0062, with its old names). */
  readonly naming?: EntityNaming;
  readonly continued?: BatchContinuation;
  readonly limits?: WorkflowLimits;
  /** Applicants per page of its list (default 500; at most 1,000). Tests lower it. */
  readonly listPageTowns?: number;
}

export interface BatchStepRequest<D> {
  readonly data: D;
  readonly meta: StepMeta;
}

/** An application is recorded in the batch's stream and, by the town workflow it starts, in the town's. */
export interface ApplicationRecorded {
  readonly townWorkflowId: string;
  readonly batch: RecordedStep;
  readonly town: RecordedStep;
}

/** The town's answer to the application its batch handed it (runs started before decision 0061). */
export type TownApplicationAnswer =
  | { readonly townId: string; readonly recorded: RecordedStep }
  | { readonly townId: string; readonly refused: RefusalDetails };

/**
 * The batch as its run holds it, in a size that does not grow with the applicants: the state without its
 * applications, scores and lists (empty), and what stands for them, their counts and hash. The lists are
 * in the batch's stream; the API serves them from its read models (decision 0098).
 */
export interface BatchView {
  readonly programmeId: string;
  readonly batchId: string;
  readonly policyId: string;
  readonly policyVersion: string;
  readonly streamVersion: number;
  readonly state: BatchState;
  readonly members: BatchMembersSummary;
  readonly recording?: RecordingHealth;
}

export interface BatchAllowedRequest {
  readonly seat?: Seat;
  /** For a county official: the county their seat is scoped to. */
  readonly county?: string;
}

/** A county applies for one of its towns (§IV.1): recorded in the batch, then the town is started. */
export const submitApplicationUpdate = defineUpdate<
  ApplicationRecorded,
  [BatchStepRequest<SubmitApplication['data']>]
>('submitApplication');
/** The joint-meeting office records one applicant's competitive-defence scores. */
export const recordDefenceScoreUpdate = defineUpdate<
  RecordedStep,
  [BatchStepRequest<RecordDefenceScore['data']>]
>('recordDefenceScore');
/** The joint meeting decides the list; quotas and the pack's selection rules are enforced. */
export const decideListUpdate = defineUpdate<RecordedStep, [BatchStepRequest<DecideList['data']>]>(
  'decideList',
);
/** The joint meeting publishes the list; every applicant's town then records its outcome. */
export const publishListUpdate = defineUpdate<RecordedStep, [BatchStepRequest<PublishList['data']>]>(
  'publishList',
);

export const townApplicationAnswerSignal = defineSignal<[TownApplicationAnswer]>('townApplicationAnswer');

export const batchViewQuery = defineQuery<BatchView>('batchView');
export const batchAllowedQuery = defineQuery<Record<Seat, BatchCommandType[]>, [BatchAllowedRequest]>(
  'batchAllowed',
);
export const batchDeadlinesQuery = defineQuery<UpcomingDeadlines<BatchDeadline>>('batchDeadlines');
export const batchRecordedEventIdsQuery = defineQuery<readonly string[]>('batchRecordedEventIds');

/** The name the worker registers the batch workflow under (workflows/index.ts). */
export const batchWorkflowType = 'batchWorkflow';
