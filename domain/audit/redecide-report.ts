/**
 * What re-deciding the log reports: per step an outcome, counts per stream and overall, the packs the
 * steps named and where each was found, and, with a what-if pack, the steps it would decide otherwise.
 */
import type { AggregateKind } from '../aggregates';
import type { Actor, PolicyRef } from '../shared/event-envelope';
import type { EventDifference } from './redecide-compare';

/** Why a step could not be decided again. Only NO_COMMAND is not a failure. */
export type NotReDecidableReason =
  /** Recorded before commands were kept with their events: nothing to decide. */
  | 'NO_COMMAND'
  /** The step's events name no pack. */
  | 'POLICY_NOT_RECORDED'
  /** Neither this build nor the log knows the pack's version. */
  | 'POLICY_NOT_FOUND'
  /** The log's document for that version is not a valid pack of that version. */
  | 'POLICY_UNTRUSTED'
  /** decide threw something other than a refusal (a command of the wrong shape). */
  | 'DECIDE_FAILED'
  /** An earlier event of the stream could not be folded, so the state before this step is unknown. */
  | 'STATE_UNKNOWN';

export type StepOutcome =
  | { readonly status: 'reproduced' }
  | { readonly status: 'differs'; readonly difference: EventDifference }
  | {
      readonly status: 'refused';
      readonly code: string;
      readonly messageZh: string;
      readonly messageEn: string;
    }
  | { readonly status: 'not-re-decidable'; readonly reason: NotReDecidableReason; readonly message: string };

export type StepStatus = StepOutcome['status'];

/** A step, as a reader finds it in the log. */
export interface StepRef {
  readonly stream: string;
  /** Stream versions of the step's first and last events. */
  readonly fromVersion: number;
  readonly toVersion: number;
  /** Global position of its first event (decimal). */
  readonly position: string;
  readonly eventTypes: readonly string[];
  readonly causationId: string;
  readonly commandType: string | null;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly policy: PolicyRef | null;
}

export interface StepReport extends StepRef {
  readonly outcome: StepOutcome;
}

export interface StepCounts {
  steps: number;
  reproduced: number;
  differs: number;
  refused: number;
  notReDecidable: number;
  /** Not re-decidable, by reason. */
  byReason: Partial<Record<NotReDecidableReason, number>>;
}

export interface StreamSummary extends StepCounts {
  readonly stream: string;
  readonly kind: AggregateKind;
}

/** A pack the steps with a command name. */
export interface PackUse {
  readonly id: string;
  readonly version: string;
  /** Where the pack was found: this build's registry, the log's own record of it, or nowhere. */
  readonly source: 'built-in' | 'log' | 'none' | 'untrusted';
  readonly steps: number;
  /** Why a document found in the log was not trusted. */
  readonly problem?: { readonly code: string; readonly message: string };
}

/** What a what-if pack would have decided, on the state the log records. */
export type WhatIfOutcome =
  | { readonly decided: readonly string[] }
  | { readonly refused: { readonly code: string; readonly messageZh: string; readonly messageEn: string } }
  | { readonly failed: string };

export interface WhatIfStep extends StepRef {
  readonly whatIf: WhatIfOutcome;
  /** Where its events first differ from the recorded ones (absent when it refused or failed). */
  readonly difference?: EventDifference;
}

export interface WhatIfReport {
  readonly policy: PolicyRef;
  /** Steps with a command, decided again under the what-if pack. */
  readonly stepsDecided: number;
  readonly stepsThatWouldDiffer: number;
  /** Of those, refused under the what-if pack although the log records them. */
  readonly wouldBeRefused: number;
  /** By command type: how many of its steps would differ. */
  readonly byCommand: Readonly<Record<string, number>>;
  /** The first steps that would differ, in log order (see `stepsNotListed`). */
  readonly steps: readonly WhatIfStep[];
  readonly stepsNotListed: number;
}

export interface RedecisionReport {
  /** True when every step with a command was reproduced (steps without one do not count against it). */
  readonly ok: boolean;
  readonly scope: { readonly kind: 'log' } | { readonly kind: 'town'; readonly townId: string };
  readonly eventsRead: number;
  /** The last position read (decimal): events appended after the run began are left for the next. */
  readonly upToPosition: string | null;
  readonly totals: StepCounts;
  readonly streams: readonly StreamSummary[];
  /** Events of streams that are no aggregate's (the packs' own records, …), by the name's first word. */
  readonly otherStreams: Readonly<Record<string, number>>;
  readonly packs: readonly PackUse[];
  /** Every step not reproduced, in log order, up to a limit (see `stepsNotListed`). */
  readonly steps: readonly StepReport[];
  readonly stepsNotListed: number;
  readonly whatIf?: WhatIfReport;
}

/** A step fails the run unless it was reproduced or simply predates recorded commands. */
export function isFailure(outcome: StepOutcome): boolean {
  if (outcome.status === 'reproduced') return false;
  return !(outcome.status === 'not-re-decidable' && outcome.reason === 'NO_COMMAND');
}

export function emptyCounts(): StepCounts {
  return { steps: 0, reproduced: 0, differs: 0, refused: 0, notReDecidable: 0, byReason: {} };
}

export function count(counts: StepCounts, outcome: StepOutcome): void {
  counts.steps += 1;
  switch (outcome.status) {
    case 'reproduced':
      counts.reproduced += 1;
      return;
    case 'differs':
      counts.differs += 1;
      return;
    case 'refused':
      counts.refused += 1;
      return;
    case 'not-re-decidable': {
      counts.notReDecidable += 1;
      counts.byReason[outcome.reason] = (counts.byReason[outcome.reason] ?? 0) + 1;
      return;
    }
  }
}

/** The outcomes in both languages, for the auditors' reports. */
export const redecisionCatalogue = {
  reproduced: { zh: '重新决定得出与记录相同的事件', en: 'Deciding again gives exactly the recorded events' },
  differs: {
    zh: '重新决定得出的事件与记录不符',
    en: 'Deciding again gives other events than those recorded',
  },
  refused: {
    zh: '按记录的规则重新决定，该步骤会被拒绝',
    en: 'Under the rules it records, the step would be refused',
  },
  NO_COMMAND: {
    zh: '该步骤记录于保存命令之前，无法重新决定（不视为问题）',
    en: 'Recorded before commands were kept with their events: cannot be decided again (not a failure)',
  },
  POLICY_NOT_RECORDED: { zh: '事件未记录所依据的政策', en: 'The events name no policy pack' },
  POLICY_NOT_FOUND: {
    zh: '找不到该版本的政策包（既非内置，也未记录于日志）',
    en: 'The policy pack of that version is neither built in nor recorded in the log',
  },
  POLICY_UNTRUSTED: {
    zh: '日志中的政策包文件无效或其哈希与版本不符，不予采信',
    en: "The log's policy pack document is invalid or does not hash to its version: not trusted",
  },
  DECIDE_FAILED: { zh: '重新决定时出错', en: 'Deciding again failed with an error' },
  STATE_UNKNOWN: {
    zh: '该流中更早的事件无法折叠，状态未知',
    en: 'An earlier event of the stream could not be folded: the state before the step is unknown',
  },
} as const satisfies Record<
  Exclude<StepStatus, 'not-re-decidable'> | NotReDecidableReason,
  { zh: string; en: string }
>;
