/**
 * The envelope every fact about the programme is stored in. Pure types: the domain decides `type`,
 * `data` and most of `metadata`; the event store adds the stream position, the global position and
 * `recordedAt` when it commits.
 */

/**
 * Who acted: a seat (role) held by a user, scoped to a county where the seat is a county's and to a
 * member unit where it is a unit's (domain/shared/seats.ts, `seatScopes`).
 */
export interface Actor {
  readonly userId: string;
  /** e.g. `county-official`, `joint-meeting-office`, `finance-bureau`, `system` (deadlines firing). */
  readonly seat: string;
  readonly county?: string;
  /** The member unit an inspector inspects for (its code); absent on inspections recorded before units were bound. */
  readonly unit?: string;
}

export interface PolicyRef {
  readonly id: string;
  /** The content hash of the policy pack the decision was taken under. */
  readonly version: string;
}

/**
 * A command exactly as `decide` received it: plain JSON (every command type is), so that an auditor can
 * take the same decision again from the log alone.
 */
export interface RecordedCommand {
  readonly type: string;
  readonly data: unknown;
}

export interface EventMetadata {
  readonly actor: Actor;
  /** Id of the command (or timer) that caused this event. */
  readonly causationId: string;
  /** Id shared by everything that one request or workflow run set off. */
  readonly correlationId: string;
  readonly policy?: PolicyRef;
  readonly requestId?: string;
  /**
   * On the first event of each step only: the command that step decided. Absent on events recorded
   * before commands were kept, and on the later events of a step (they share its causationId).
   */
  readonly command?: RecordedCommand;
}

/** An event as the domain produced it, before it is stored. */
export interface NewEvent<TData = unknown> {
  /** Globally unique (UUID). Re-appending an id already stored is a no-op, which makes retries safe. */
  readonly id: string;
  readonly type: string;
  readonly data: TData;
  readonly metadata: EventMetadata;
  /** When the fact became true (ISO-8601, UTC). */
  readonly occurredAt: string;
}

/** An event as the store holds it. */
export interface RecordedEvent<TData = unknown> extends NewEvent<TData> {
  readonly stream: string;
  /** 0-based position of the event within its stream. */
  readonly streamVersion: number;
  /** Position in the whole log: 64-bit, strictly increasing in commit order. */
  readonly globalPosition: bigint;
  /** When the store committed it (ISO-8601, UTC). */
  readonly recordedAt: string;
}
