import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../domain/shared/event-envelope';
import type { Principal } from '../../../infra/auth/principal';
import type { RecordedStep, StepMeta } from '../../../workflows/shared/stream-command-runner';
import {
  idempotencyScope,
  requestFingerprint,
  updateIdFromKey,
  uuidFromKey,
} from '../idempotency/idempotency-key';
import type { RecordedStepDto } from './recorded-step.dto';

/** What the HTTP request contributes to a command besides its body. */
export interface CommandRequest {
  /** Recorded on every event as the request id and the correlation id. */
  readonly requestId: string;
  readonly idempotencyKey: string | undefined;
  /** Method and path: with the body, they tell one request from another under the same key. */
  readonly method: string;
  readonly path: string;
}

/** The acting official as the events record them: the token's subject, seat, and county or member unit. */
export function actorOf(caller: Principal): Actor {
  return {
    userId: caller.userId,
    seat: caller.seat,
    ...(caller.county ? { county: caller.county } : {}),
    ...(caller.unit ? { unit: caller.unit } : {}),
  };
}

export interface CommandIdentity {
  readonly meta: StepMeta;
  /** Temporal deduplicates Updates by id: a retry with the same key and body is answered, not redone. */
  readonly updateId: string | undefined;
  /** The caller's key scope, for further ids derived from it (a new town's id). */
  readonly scope: string | undefined;
}

/**
 * The step's metadata and Update id. With an Idempotency-Key both are derived from (caller, key) and
 * (caller, key, request), so a retry that reaches another API process, or this one after a restart,
 * sends the same Update again (docs/decisions/0031-idempotency-keys.md).
 */
export function commandIdentity(caller: Principal, request: CommandRequest, body: unknown): CommandIdentity {
  const scope =
    request.idempotencyKey === undefined
      ? undefined
      : idempotencyScope(caller.userId, request.idempotencyKey);
  const commandId = scope ? uuidFromKey(`command ${request.method} ${request.path}`, scope) : randomUUID();
  return {
    meta: {
      actor: actorOf(caller),
      commandId,
      correlationId: request.requestId,
      requestId: request.requestId,
    },
    updateId: scope
      ? updateIdFromKey(scope, requestFingerprint(request.method, request.path, body))
      : undefined,
    scope,
  };
}

export function recordedStepDto(workflowId: string, step: RecordedStep): RecordedStepDto {
  return {
    workflowId,
    eventIds: [...step.eventIds],
    eventTypes: [...step.eventTypes],
    positions: [...step.positions],
    streamVersion: step.streamVersion,
  };
}
