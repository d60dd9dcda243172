/**
 * Failures of the replay itself — no server, no such namespace or workflow, a query the server refuses,
 * options that contradict each other — as opposed to what the replay finds in a history, which is an
 * outcome in the report (audit/replay/temporal-replay.ts), not an exception. Each is raised before
 * anything is replayed or written.
 */
export type TemporalReplayErrorCode =
  | 'TEMPORAL_UNAVAILABLE'
  | 'TEMPORAL_NAMESPACE_NOT_FOUND'
  | 'WORKFLOW_NOT_FOUND'
  | 'VISIBILITY_QUERY_INVALID'
  /** The server has no visibility API to list runs (the time-skipping server of training mode). */
  | 'TEMPORAL_FEATURE_UNAVAILABLE'
  | 'REPLAY_OPTIONS_INVALID'
  | 'REPLAY_EXPORT_DIR_INVALID';

export class TemporalReplayError extends Error {
  constructor(
    readonly code: TemporalReplayErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TemporalReplayError';
  }
}

/** gRPC status codes the server answers with (they are the same in every gRPC implementation). */
export const grpcStatus = { invalidArgument: 3, notFound: 5, unimplemented: 12, unavailable: 14 } as const;

/** The gRPC status of a failed call, whether the SDK wrapped it (ServiceError's cause) or not. */
export function grpcCodeOf(error: unknown): number | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
