/**
 * Re-decision: for every recorded step, the state before it folded from the log with the aggregate's
 * own evolve, its command decided again with the aggregate's own decide under the pack the step names,
 * at the instant and by the actor it records — and the events that gives compared with those recorded.
 * Optionally every step is also decided under another pack, to show what it would have changed.
 *
 * The log is read once, in global order, keeping per stream only its state and the step being read,
 * so memory grows with the number of streams, not of events.
 */
import { townDecider } from '../../domain/town';
import {
  type AggregateKind,
  aggregateOfStream,
  type RecordedDecider,
  recordedDecider,
} from '../../domain/aggregates';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { RecordedEvent } from '../../domain/shared/event-envelope';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { AuditError } from '../../domain/audit/audit.errors';
import { DEFAULT_PAGE_SIZE, readPages } from '../shared/log-pages';
import { type PackLookup, policyPackLookup } from './policy-pack-lookup';
import { compareDecided } from '../../domain/audit/redecide-compare';
import { contextOf, decideAgain } from '../../domain/audit/redecide-decision';
import {
  count,
  emptyCounts,
  isFailure,
  type NotReDecidableReason,
  type PackUse,
  type RedecisionReport,
  type StepCounts,
  type StepOutcome,
  type StepReport,
  type StreamSummary,
} from '../../domain/audit/redecide-report';
import { byPosition, startsStep, stepRef } from '../../domain/audit/redecide-steps';
import { WhatIfRun } from '../../domain/audit/redecide-what-if';

export interface RedecideOptions {
  readonly store: Pick<EventStore, 'readAll' | 'readStream' | 'chained'>;
  /** Only this town's stream. */
  readonly townId?: string;
  /** Also decide every step under this pack, and report the steps whose outcome would differ. */
  readonly whatIf?: PolicyPack;
  /** In events read; `total` is the log's length when the run began. */
  readonly onProgress?: (progress: { done: number; total: number }) => void;
  /** Steps listed in full in the report (not reproduced, or differing under the what-if); default 1000. */
  readonly maxListedSteps?: number;
  readonly pageSize?: number;
}

export const DEFAULT_MAX_LISTED_STEPS = 1000;

export async function redecideLog(options: RedecideOptions): Promise<RedecisionReport> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const run = new Redecision(
    policyPackLookup(options.store),
    options.maxListedSteps ?? DEFAULT_MAX_LISTED_STEPS,
    options.whatIf,
  );
  const progress = (total: number): void => options.onProgress?.({ done: run.eventsRead, total });

  if (options.townId !== undefined) {
    const stream = townDecider.streamOf(options.townId);
    const events = await options.store.readStream(stream);
    if (events.length === 0) throw new AuditError('TOWN_NOT_FOUND', `No events in stream ${stream}`);
    progress(events.length);
    for (const event of events) await run.add(event);
    progress(events.length);
    return run.report({ kind: 'town', townId: options.townId });
  }

  const extent = await logExtent(options.store, pageSize);
  progress(extent.total);
  reading: for await (const page of readPages(options.store, 0n, pageSize)) {
    for (const event of page) {
      // Appended after the run began: left for the next run, so the report describes one prefix.
      if (event.globalPosition > extent.upTo) break reading;
      await run.add(event);
    }
    progress(Math.max(extent.total, run.eventsRead));
  }
  return run.report({ kind: 'log' });
}

/** How many events the log holds now, and up to which position: from the store if it can say. */
async function logExtent(
  store: RedecideOptions['store'],
  pageSize: number,
): Promise<{ readonly total: number; readonly upTo: bigint }> {
  const chained = store.chained;
  const last = chained?.gapFreePositions ? await chained.lastPosition() : undefined;
  if (last !== undefined) return { total: Number(last), upTo: last };
  let total = 0;
  let upTo = 0n;
  for await (const page of readPages(store, 0n, pageSize)) {
    total += page.length;
    upTo = page.at(-1)?.globalPosition ?? upTo;
  }
  return { total, upTo };
}

interface StreamRun {
  readonly stream: string;
  readonly kind: AggregateKind;
  readonly decider: RecordedDecider;
  state: unknown;
  /** The step being read: it ends where the stream's next step begins, or with the log. */
  step: RecordedEvent[];
  /** Set once an event could not be folded: every later step's state is unknown. */
  broken: string | null;
  readonly counts: StepCounts;
}

class Redecision {
  eventsRead = 0;
  private lastPosition: bigint | null = null;
  private readonly streams = new Map<string, StreamRun>();
  private readonly otherStreams = new Map<string, number>();
  private readonly totals = emptyCounts();
  private failures = 0;
  private readonly packs = new Map<string, PackUse>();
  private listed: StepReport[] = [];
  private notListed = 0;
  private readonly whatIf: WhatIfRun | undefined;

  constructor(
    private readonly lookup: (id: string, version: string) => Promise<PackLookup>,
    private readonly maxListed: number,
    whatIf: PolicyPack | undefined,
  ) {
    this.whatIf = whatIf === undefined ? undefined : new WhatIfRun(whatIf, maxListed);
  }

  async add(event: RecordedEvent): Promise<void> {
    this.eventsRead += 1;
    this.lastPosition = event.globalPosition;
    const { kind, key } = aggregateOfStream(event.stream);
    if (kind === 'other') {
      this.otherStreams.set(key, (this.otherStreams.get(key) ?? 0) + 1);
      return;
    }
    let run = this.streams.get(event.stream);
    if (run === undefined) {
      const decider = recordedDecider(kind);
      run = {
        stream: event.stream,
        kind,
        decider,
        state: decider.initialState,
        step: [],
        broken: null,
        counts: emptyCounts(),
      };
      this.streams.set(event.stream, run);
    }
    if (run.step.length > 0 && startsStep(run.step, event)) await this.settle(run);
    run.step.push(event);
  }

  async report(scope: RedecisionReport['scope']): Promise<RedecisionReport> {
    for (const run of this.streams.values()) if (run.step.length > 0) await this.settle(run);
    this.trimListed();
    const streams: StreamSummary[] = [...this.streams.values()].map((run) => ({
      stream: run.stream,
      kind: run.kind,
      ...run.counts,
    }));
    return {
      ok: this.failures === 0,
      scope,
      eventsRead: this.eventsRead,
      upToPosition: this.lastPosition?.toString() ?? null,
      totals: this.totals,
      streams,
      otherStreams: Object.fromEntries(this.otherStreams),
      packs: [...this.packs.values()],
      steps: this.listed,
      stepsNotListed: this.notListed,
      ...(this.whatIf === undefined ? {} : { whatIf: this.whatIf.report() }),
    };
  }

  private async settle(run: StreamRun): Promise<void> {
    const step = run.step;
    run.step = [];
    const ref = stepRef(run.stream, step);
    const outcome: StepOutcome =
      run.broken === null ? await this.judge(run, step) : notReDecidable('STATE_UNKNOWN', run.broken);
    const command = step[0]?.metadata.command;
    if (this.whatIf !== undefined && command !== undefined && run.broken === null) {
      this.whatIf.consider(run.decider, command, run.state, step, ref);
    }
    count(run.counts, outcome);
    count(this.totals, outcome);
    if (isFailure(outcome)) this.failures += 1;
    if (outcome.status !== 'reproduced') this.list({ ...ref, outcome });
    fold(run, step);
  }

  private async judge(run: StreamRun, step: readonly RecordedEvent[]): Promise<StepOutcome> {
    const first = step[0];
    if (first === undefined) throw new RangeError('A step has at least one event');
    const { command, policy } = first.metadata;
    if (command === undefined) {
      return notReDecidable('NO_COMMAND', 'No command is recorded with this step');
    }
    if (policy === undefined) return notReDecidable('POLICY_NOT_RECORDED', 'The step names no policy pack');
    const pack = await this.pack(policy.id, policy.version);
    if (pack.found === 'none') {
      return notReDecidable(
        'POLICY_NOT_FOUND',
        `No pack ${policy.id}@${policy.version} is built in or in the log`,
      );
    }
    if (pack.found === 'untrusted') {
      return notReDecidable(
        'POLICY_UNTRUSTED',
        `The log's document for ${policy.id}@${policy.version} is not trusted (${pack.code}): ${pack.message}`,
      );
    }
    const decision = decideAgain(run.decider, command, run.state, contextOf(first, command, pack.pack));
    if ('error' in decision) return notReDecidable('DECIDE_FAILED', decision.error);
    if ('refusal' in decision) {
      const { code, messageZh, messageEn } = decision.refusal;
      return { status: 'refused', code, messageZh, messageEn };
    }
    const difference = compareDecided(decision.events, step);
    return difference === null ? { status: 'reproduced' } : { status: 'differs', difference };
  }

  /** Looks the pack up once, and counts the steps with a command that name it. */
  private async pack(id: string, version: string): Promise<PackLookup> {
    const lookup = await this.lookup(id, version);
    const key = `${id}@${version}`;
    const known = this.packs.get(key);
    this.packs.set(key, {
      id,
      version,
      source: lookup.found,
      steps: (known?.steps ?? 0) + 1,
      ...(lookup.found === 'untrusted' ? { problem: { code: lookup.code, message: lookup.message } } : {}),
    });
    return lookup;
  }

  /** Keeps the first steps in log order; steps settle out of log order, so the list is trimmed by position. */
  private list(step: StepReport): void {
    this.listed.push(step);
    if (this.listed.length >= 2 * this.maxListed) this.trimListed();
  }

  private trimListed(): void {
    this.listed.sort(byPosition);
    if (this.listed.length > this.maxListed) {
      this.notListed += this.listed.length - this.maxListed;
      this.listed = this.listed.slice(0, this.maxListed);
    }
  }
}

function fold(run: StreamRun, step: readonly RecordedEvent[]): void {
  for (const event of step) {
    if (run.broken !== null) return;
    try {
      run.state = run.decider.evolve(run.state, event);
    } catch (error) {
      run.broken = `${event.stream} version ${event.streamVersion} (${event.type}, position ${event.globalPosition}) could not be folded: ${
        error instanceof Error ? error.message : String(error)
      }`;
    }
  }
}

function notReDecidable(reason: NotReDecidableReason, message: string): StepOutcome {
  return { status: 'not-re-decidable', reason, message };
}
