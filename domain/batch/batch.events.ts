import type { CandidateKindCode } from '../policy/policy-pack.schema';
import type { DeclaredCondition } from '../shared/application-rules';
import type { DomainEvent } from '../shared/decision';
import type { DeadlineReminderSent } from '../shared/deadline-reminders';

export interface Application {
  readonly townId: string;
  readonly name: string;
  readonly county: string;
  readonly kind: CandidateKindCode;
  readonly industry: string;
  readonly appliedAt: string;
  /** An industry outside the pack's open list (`industry: 'other'`), described. */
  readonly industryDescription?: string;
  /** The application conditions the county declared on applying, where the pack sets any. */
  readonly declaredConditions?: readonly DeclaredCondition[];
}

export interface ListedTown {
  readonly townId: string;
  readonly county: string;
  readonly weightedScore: number;
}

export interface NotListedTown {
  readonly townId: string;
  readonly county: string;
  readonly weightedScore: number;
  readonly reason: 'not-selected' | 'below-passing-score' | 'conditions-not-met';
}

export type BatchOpened = DomainEvent<
  'BatchOpened',
  {
    batchId: string;
    opensAt: string;
    closesAt: string;
    listDueAt: string;
    priorListedByCounty: Record<string, string[]>;
  }
>;
export type ApplicationReceived = DomainEvent<'ApplicationReceived', Application>;
export type ApplicationWindowClosed = DomainEvent<
  'ApplicationWindowClosed',
  { closedAt: string; applications: number }
>;
export type DefenceScored = DomainEvent<
  'DefenceScored',
  {
    townId: string;
    scores: Record<string, number>;
    weights: Record<string, number>;
    weightedScore: number;
    /** The office's finding per application condition (true: confirmed), where the pack sets any. */
    conditions?: Record<string, boolean>;
  }
>;
export type ListDecided = DomainEvent<'ListDecided', { listed: ListedTown[]; notListed: NotListedTown[] }>;
/** A page of a list recorded in pages: its applicants in rank order, listed or not (decision 0069). */
export type ListPageRecorded = DomainEvent<
  'ListPageRecorded',
  { page: number; listed: ListedTown[]; notListed: NotListedTown[] }
>;
/** The list recorded in pages is whole: totals, and a SHA-256 chain over the pages' canonical JSON. */
export type ListClosed = DomainEvent<
  'ListClosed',
  { pages: number; towns: number; listed: number; notListed: number; pagesDigest: string }
>;
/** A list recorded in pages is published: the pages hold the towns; this names them by count and hash. */
export type ListPagesPublished = DomainEvent<
  'ListPagesPublished',
  {
    publishedAt: string;
    late: boolean;
    pages: number;
    listed: number;
    notListed: number;
    pagesDigest: string;
  }
>;
export type ListPublished = DomainEvent<
  'ListPublished',
  { publishedAt: string; listed: ListedTown[]; notListed: NotListedTown[]; late: boolean }
>;

export type BatchEvent =
  | BatchOpened
  | ApplicationReceived
  | ApplicationWindowClosed
  | DefenceScored
  | ListDecided
  | ListPublished
  | ListPageRecorded
  | ListClosed
  | ListPagesPublished
  | DeadlineReminderSent;
