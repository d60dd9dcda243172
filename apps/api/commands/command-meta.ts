import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../domain/shared/event-envelope';
import type { Principal } from '../../../infra/auth/principal';
import type { RecordedStep, StepMeta } from '../../../workflows/shared/stream-step';
import { idempotencyScope, requestFingerprint, uuidFromKey } from '../idempotency/idempotency-key';
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
  /** The caller's key scope, for further ids derived from it (a new town's id). */
  readonly scope: string | undefined;
}

/**
 * The step's metadata. With an Idempotency-Key its command id is derived from (caller, key, route) and
 * it carries a fingerprint of the request, so a retry that reaches another API process, or this one
 * after a restart, names the same command: the workflow answers it with the step it recorded, or takes
 * the step if the first attempt recorded nothing, and refuses the key with another request
 * (docs/decisions/0060). The Update itself gets a fresh id every time: Temporal would answer a reused
 * one with its first outcome, a failure included, for the rest of the run.
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
      ...(scope ? { requestHash: requestFingerprint(request.method, request.path, body) } : {}),
    },
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
