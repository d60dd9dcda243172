import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  log,
  patched,
  sleep,
  uuid4,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Decider } from '../../domain/shared/decider';
import type { DecisionContext, DomainEvent } from '../../domain/shared/decision';
import { envelope } from '../../domain/shared/decision';
import { DomainRefusal, refuse, type RefusalDetails } from '../../domain/shared/domain-refusal';
import type { NewEvent, RecordedCommand } from '../../domain/shared/event-envelope';
import { recordingFailure, type RecordingFailureCode } from '../../domain/shared/recording-failures';
import { workflowNow } from '../workflow-clock';
import {
  appendFailures,
  DURABLE_ROUND_PAUSE,
  durableAppend,
  interactiveAppend,
  interactiveLocalAppend,
} from './activity-proxies';
import { refusalFailure, refusalToFailure } from './refusal-failure';
import {
  type AppendMode,
  type Confirmation,
  type PendingStep,
  type RecentStep,
  type RecordedStep,
  type RecordingHealth,
  type StepMeta,
  type StepOutcome,
  type StreamPosition,
  type UnrecordedStep,
} from './stream-step';

// Each marker is written the first time its situation arises, so a run where none arises records none.
/** Pending steps, catching up with a moved stream, answers by command id, durable rounds (decision 0060). */
const CERTAIN_STEPS_PATCH = 'certain-steps';
/** A step that finds the turn taken queues on the mutex instead of polling it (decision 0124). */
export const MUTEX_TURNS_PATCH = 'mutex-turns';
/** An official's append (and its catching up) runs as a local activity, in the step's task (decision 0132). */
export const LOCAL_APPENDS_PATCH = 'local-appends';

/** Or one durable `round`, after which the loop gets the turn back (and may hand over) before trying again. */
type Attempt = AppendMode | 'round';

const appends = { interactive: interactiveAppend, durable: durableAppend, round: durableAppend } as const;

/** Where an attempt's store calls go: an official's as local activities once the run took the patch. */
function storeCalls(attempt: Attempt): typeof interactiveAppend {
  return attempt === 'interactive' && patched(LOCAL_APPENDS_PATCH)
    ? interactiveLocalAppend
    : appends[attempt];
}

interface RunnerOptions<S, C, E extends DomainEvent<string, unknown>> {
  readonly stream: string;
  readonly decider: Decider<S, C, E>;
  readonly context: (meta: StepMeta, now: string) => DecisionContext;
  readonly from: StreamPosition<S, C>;
  /** The run starts with `open`: Updates delivered before it is recorded wait for it in their handlers. */
  readonly opensFirst?: boolean;
  /** Told each recorded step's events, after they are applied: queues messages, never waits. */
  readonly onRecorded?: (events: readonly E[], meta: StepMeta) => void;
  /** For steps run with `confirm: true`: asks the other workflow to record its part, idempotently. */
  readonly confirm?: (pending: PendingStep<C>, mode: AppendMode) => Promise<Confirmation>;
}

interface StepOptions {
  /** The instant to decide at (default: now). */
  readonly now?: string;
  readonly confirm?: boolean;
}

type Decision<C> = { readonly outcome: StepOutcome } | { readonly pending: PendingStep<C> };

/** What recording a step came to: an outcome, a moved stream (`stale`), or nothing known. */
type Recording<C> =
  | Exclude<StepOutcome, { readonly refused: DomainRefusal }>
  | 'stale'
  /** Not confirmed: the step as it stands (with any confirmation already given) stays pending. */
  | { readonly unknown: PendingStep<C> };

/** How often a step is decided again when the stream keeps moving under it. */
const MAX_DECISIONS = 3;
const NOT_RECORDED_KEPT = 10;
/** A retry of an older step is decided again and refused by the decider: eviction never records twice. */
const RECENT_STEPS_KEPT = 256;
/** Why a step is not decided while the one before it is still not confirmed. */
const EARLIER_STEP_PENDING = 'a step decided earlier is not confirmed yet';

/**
 * Runs an aggregate's commands inside a workflow: decide on the current state, record the events (before
 * answering), then evolve. Steps take turns on a mutex, as in the SDK's safe-message-handlers sample, so
 * no update decides on a state the one before is about to change. Every step ends certain (decision
 * 0060): recorded, not recorded for a stated reason, or pending, recorded with the same ids before
 * anything else is decided.
 */
export class StreamCommandRunner<
  S,
  C extends { readonly type: string },
  E extends DomainEvent<string, unknown>,
> {
  private readonly turn = new Mutex();
  private opening = false;
  private currentState: S;
  private streamVersion: number;
  private readonly eventIds: string[];
  /** In the order recorded, the oldest dropped first (a Map keeps insertion order). */
  private readonly recent = new Map<string, RecentStep>();
  private pending: PendingStep<C> | undefined;
  private readonly notRecorded: UnrecordedStep[];
  private stalledSince: string | undefined;
  private lastError: string | undefined;

  constructor(private readonly options: RunnerOptions<S, C, E>) {
    // The opening step holds the turn from the start, taken synchronously before any handler can ask.
    this.opening = options.opensFirst === true;
    if (this.opening) void this.turn.acquire();
    const { from } = options;
    this.currentState = from.state;
    this.streamVersion = from.streamVersion;
    this.eventIds = [...from.recordedEventIds];
    for (const step of from.recentSteps ?? []) this.remember(step);
    this.pending = from.pending;
    this.notRecorded = [...(from.notRecorded ?? [])];
  }

  get state(): S {
    return this.currentState;
  }

  get version(): number {
    return this.streamVersion;
  }

  get recordedEventIds(): readonly string[] {
    return this.eventIds;
  }

  get position(): StreamPosition<S, C> {
    return {
      state: this.currentState,
      streamVersion: this.streamVersion,
      recordedEventIds: [...this.eventIds],
      recentSteps: [...this.recent.values()],
      ...(this.pending ? { pending: this.pending } : {}),
      ...(this.notRecorded.length > 0 ? { notRecorded: [...this.notRecorded] } : {}),
    };
  }

  /** A step is pending: the loop settles it before anything else. */
  get unsettled(): boolean {
    return this.pending !== undefined;
  }

  get recording(): RecordingHealth {
    const { pending } = this;
    return {
      pending: pending
        ? { commandId: pending.meta.commandId, commandType: pending.command.type, since: pending.since }
        : null,
      stalledSince: this.stalledSince ?? null,
      lastError: this.lastError ?? null,
      notRecorded: [...this.notRecorded],
    };
  }

  /**
   * For update validators: synchronous, throws the refusal as a failure. A command recorded or pending is
   * let through to be answered with its step; everything is while the opening step is recorded (its
   * handler waits, then decides); a stalled store refuses at once. The `system` seat (deadlines, relays)
   * never arrives as an Update, but the actor travels in the payload, so it is refused here: validators
   * do not run on replay, so recorded histories are untouched.
   */
  validate(command: C, meta: StepMeta, now: string = workflowNow()): void {
    if (meta.actor.seat === 'system') {
      refusalToFailure(refuse('SYSTEM_SEAT_RESERVED', { userId: meta.actor.userId }));
    }
    if (this.opening) return;
    const known = this.recent.get(meta.commandId);
    if (known) {
      if (differentRequest(known, meta))
        throw refusalFailure(recordingFailure('IDEMPOTENCY_KEY_REUSED', { commandId: meta.commandId }));
      return;
    }
    if (this.pending?.meta.commandId === meta.commandId) return;
    if (this.stalledSince !== undefined)
      throw refusalFailure(
        recordingFailure('EVENT_STORE_UNAVAILABLE', { reason: this.lastError ?? 'stalled' }),
      );
    try {
      this.options.decider.decide(command, this.currentState, this.options.context(meta, now));
    } catch (error) {
      refusalToFailure(error);
    }
  }

  /** An official's step: a refusal, or a step not recorded, is thrown as a failure whose type is its code. */
  async run(command: C, meta: StepMeta, options: StepOptions = {}): Promise<RecordedStep> {
    const outcome = await this.inTurn(() => this.decideAndRecord(command, meta, 'interactive', options));
    if ('refused' in outcome) refusalToFailure(outcome.refused);
    if ('failed' in outcome) throw refusalFailure(outcome.failed);
    return outcome.recorded;
  }

  /** A step nobody waits on (a deadline, a relayed message): durable, its outcome returned, not thrown. */
  runDurably(command: C, meta: StepMeta, options: StepOptions = {}): Promise<StepOutcome> {
    return this.inTurn(() => this.decideAndRecord(command, meta, 'durable', options));
  }

  /** The step that brings the entity into being, recorded durably before any official's step is judged. */
  async open(command: C, meta: StepMeta, options: StepOptions = {}): Promise<StepOutcome> {
    if (!this.opening) throw new RangeError('open() is for a runner constructed with opensFirst');
    try {
      return await this.decideAndRecord(command, meta, 'durable', options);
    } finally {
      this.opening = false;
      this.turn.release();
    }
  }

  /** One durable round at the pending step; between rounds the turn is free. True once nothing is pending. */
  settle(): Promise<boolean> {
    return this.inTurn(async () => {
      const { pending } = this;
      if (!pending) return true;
      const outcome = await this.recordPending(pending, 'round');
      if (!this.pending) this.report(pending, outcome);
      return this.pending === undefined;
    });
  }

  /** The step recorded lately under this command id, if any (a step recorded in parts names each part). */
  answered(commandId: string): RecordedStep | undefined {
    return this.recent.get(commandId)?.step;
  }

  /**
   * The mutex's `runExclusive`, except that a free turn is taken with no await: a step's first command
   * then goes out before whatever the caller does next (the loop's patch marker), as recorded (0124).
   */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (!this.turn.isLocked()) void this.turn.acquire();
    else if (patched(MUTEX_TURNS_PATCH)) await this.turn.acquire();
    else await this.turnAsPolled();
    try {
      return await work();
    } finally {
      this.turn.release();
    }
  }

  /** Pre-patch path (`mutex-turns`, decision 0042): waiters poll; each re-checks before taking the turn. */
  private async turnAsPolled(): Promise<void> {
    while (this.turn.isLocked()) await condition(() => !this.turn.isLocked());
    void this.turn.acquire();
  }

  private async decideAndRecord(
    command: C,
    meta: StepMeta,
    mode: AppendMode,
    options: StepOptions,
  ): Promise<StepOutcome> {
    const known = this.recent.get(meta.commandId);
    // Pre-patch path (`certain-steps`): runs before it decided every command anew, so must their replays.
    if (known && patched(CERTAIN_STEPS_PATCH)) {
      return differentRequest(known, meta)
        ? failedFor('IDEMPOTENCY_KEY_REUSED', { commandId: meta.commandId })
        : { recorded: known.step };
    }
    const { pending } = this;
    if (pending) {
      const settled = await this.recordPending(pending, mode);
      if (pending.meta.commandId === meta.commandId) return settled;
      if (this.pending) return failedFor('EVENT_STORE_UNAVAILABLE', { reason: EARLIER_STEP_PENDING });
      this.report(pending, settled);
    }
    // Decide again: the state may have moved since the validator ran.
    const decision = this.decide(command, meta, options.now ?? workflowNow(), options.confirm === true);
    const outcome =
      'outcome' in decision ? decision.outcome : await this.recordPending(decision.pending, mode);
    if (mode === 'durable') this.report({ command, meta }, outcome);
    return outcome;
  }

  private remember(step: RecentStep): void {
    this.recent.delete(step.commandId);
    this.recent.set(step.commandId, step);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= RECENT_STEPS_KEPT) break;
      this.recent.delete(oldest);
    }
  }

  private decide(command: C, meta: StepMeta, now: string, awaitsConfirmation: boolean): Decision<C> {
    const ctx = this.options.context(meta, now);
    let decided: E[];
    try {
      decided = this.options.decider.decide(command, this.currentState, ctx);
    } catch (error) {
      if (error instanceof DomainRefusal) return { outcome: { refused: error } };
      throw error;
    }
    if (decided.length === 0) {
      const nothing = { eventIds: [], eventTypes: [], positions: [], streamVersion: this.streamVersion };
      return { outcome: { recorded: nothing } };
    }
    const events: NewEvent[] = envelope(decided, {
      ...ctx,
      correlationId: meta.correlationId,
      ids: decided.map(() => uuid4()),
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
      // Kept so an auditor can decide again from the log alone; every command union is plain JSON
      // `{ type, data }` (test/unit/audit/recorded-commands.spec.ts).
      command: command as unknown as RecordedCommand,
    });
    return {
      pending: {
        command,
        meta,
        decidedAt: now,
        events,
        expectedVersion: this.streamVersion,
        awaitsConfirmation,
        since: workflowNow(),
      },
    };
  }

  /**
   * Records a decided step; still pending afterwards if an interactive attempt could not learn its
   * outcome. On a moved stream the command is decided again on what it holds, with new ids.
   */
  private async recordPending(first: PendingStep<C>, mode: Attempt): Promise<StepOutcome> {
    let pending = first;
    for (let decisions = 1; ; decisions += 1) {
      // Throws only on the pre-patch path (`certain-steps`): the step fails as it always did.
      const recording = await this.record(pending, mode);
      if (recording !== 'stale' && 'unknown' in recording) {
        this.pending = recording.unknown;
        return failedFor('STEP_NOT_CONFIRMED', { commandId: pending.meta.commandId });
      }
      this.pending = undefined;
      if (recording !== 'stale') return recording;
      if (decisions >= MAX_DECISIONS)
        return failedFor('STREAM_VERSION_CONFLICT', { stream: this.options.stream });
      const again = this.decide(pending.command, pending.meta, pending.decidedAt, pending.awaitsConfirmation);
      if ('outcome' in again) return again.outcome;
      pending = again.pending;
    }
  }

  private async record(first: PendingStep<C>, attempt: Attempt): Promise<Recording<C>> {
    let pending = first;
    for (;;) {
      if (pending.awaitsConfirmation && !pending.confirmation) {
        const answer = await this.confirmation(pending, attempt);
        if ('refused' in answer) return { failed: answer.refused };
        if ('unknown' in answer) {
          if (await this.giveUp(attempt, answer.unknown)) return { unknown: pending };
          continue;
        }
        pending = { ...pending, confirmation: answer.confirmed };
        this.stalledSince = undefined;
      }
      try {
        return { recorded: await this.append(pending, attempt) };
      } catch (error) {
        const { type, message } = failureOf(error);
        if (!patched(CERTAIN_STEPS_PATCH)) throw error; // Pre-patch path: the step fails.
        if (type === appendFailures.wrongExpectedVersion) return this.catchUp(pending, attempt);
        if (type === appendFailures.dataRefused || type === appendFailures.eventIdConflict)
          return failedFor(type, { reason: message });
        if (await this.giveUp(attempt, message)) return { unknown: pending };
      }
    }
  }

  /**
   * The store did not answer: an interactive attempt gives up at once, a round once the stall is
   * reported (log and view; the next append clears it), a durable step after a pause tries again (false).
   */
  private async giveUp(attempt: Attempt, reason: string): Promise<boolean> {
    if (attempt === 'interactive') return true;
    this.stalledSince ??= workflowNow();
    this.lastError = reason;
    log.warn('The event store does not answer; trying again', {
      stream: this.options.stream,
      since: this.stalledSince,
      reason,
    });
    if (attempt === 'round') return true;
    await sleep(DURABLE_ROUND_PAUSE);
    return false;
  }

  private async confirmation(pending: PendingStep<C>, attempt: Attempt): Promise<Confirmation> {
    const { confirm } = this.options;
    if (!confirm) throw new RangeError('a step awaits confirmation, but the runner has no confirm');
    return confirm(pending, attempt === 'interactive' ? 'interactive' : 'durable');
  }

  private async append(pending: PendingStep<C>, attempt: Attempt): Promise<RecordedStep> {
    const { events, expectedVersion, confirmation, meta } = pending;
    const result = await storeCalls(attempt).appendToStream({
      stream: this.options.stream,
      events,
      expectedVersion: expectedVersion < 0 ? 'no_stream' : expectedVersion,
    });
    this.stalledSince = undefined;
    const decided = events.map((event) => ({ type: event.type, data: event.data }) as E);
    this.currentState = decided.reduce(
      (state, event) => this.options.decider.evolve(state, event),
      this.currentState,
    );
    this.streamVersion = result.nextExpectedVersion;
    this.eventIds.push(...events.map((event) => event.id));
    const step: RecordedStep = {
      eventIds: events.map((event) => event.id),
      eventTypes: events.map((event) => event.type),
      positions: result.positions,
      streamVersion: result.nextExpectedVersion,
      ...(confirmation ? { confirmation } : {}),
    };
    this.remember({
      commandId: meta.commandId,
      ...(meta.requestHash ? { requestHash: meta.requestHash } : {}),
      step,
    });
    this.options.onRecorded?.(decided, meta);
    return step;
  }

  /**
   * The stream holds events this run does not know (a reset replayed the workflow past an append that
   * had committed; an earlier run of the same id wrote them): fold them in, as the record says.
   */
  private async catchUp(pending: PendingStep<C>, attempt: Attempt): Promise<Recording<C>> {
    for (;;) {
      try {
        for (;;) {
          const read = await storeCalls(attempt).readStreamFrom({
            stream: this.options.stream,
            fromVersion: this.streamVersion + 1,
          });
          for (const event of read.events) {
            const known = { type: event.type, data: event.data } as E;
            this.currentState = this.options.decider.evolve(this.currentState, known);
            this.streamVersion = event.streamVersion;
            this.eventIds.push(event.id);
          }
          if (!read.more) return 'stale';
        }
      } catch (error) {
        const reason = failureOf(error).message;
        // An official's step was not stored (the stream had moved): dropping it is certain.
        if (attempt === 'interactive') return failedFor('EVENT_STORE_UNAVAILABLE', { reason });
        // A pending step stays pending: its next round meets the moved stream again, and reads it.
        if (await this.giveUp(attempt, reason)) return { unknown: pending };
      }
    }
  }

  /** A durable step that ended unrecorded for good is logged and kept in the view. */
  private report(
    { command, meta }: { readonly command: C; readonly meta: StepMeta },
    outcome: StepOutcome,
  ): void {
    if (!('failed' in outcome)) return;
    log.error('A step could not be recorded', {
      stream: this.options.stream,
      commandType: command.type,
      ...outcome.failed,
    });
    const { code } = outcome.failed;
    this.notRecorded.push({ commandId: meta.commandId, commandType: command.type, code, at: workflowNow() });
    this.notRecorded.splice(0, Math.max(0, this.notRecorded.length - NOT_RECORDED_KEPT));
  }
}

/** A step not recorded for a reason of the record's own. */
function failedFor(
  code: RecordingFailureCode,
  details: Readonly<Record<string, string>>,
): { readonly failed: RefusalDetails } {
  return { failed: recordingFailure(code, details) };
}

/** A command id sent again with a different request's fingerprint: refused, never answered as the first. */
function differentRequest(known: RecentStep, meta: StepMeta): boolean {
  return (
    known.requestHash !== undefined &&
    meta.requestHash !== undefined &&
    known.requestHash !== meta.requestHash
  );
}

/** The type (`EVENT_DATA_REFUSED`, …) and message of the failure under an activity failure. */
function failureOf(error: unknown): { readonly type: string | undefined; readonly message: string } {
  const cause = error instanceof ActivityFailure && error.cause ? error.cause : error;
  return {
    type: cause instanceof ApplicationFailure ? (cause.type ?? undefined) : undefined,
    message: cause instanceof Error ? cause.message : String(cause),
  };
}
