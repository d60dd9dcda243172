import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { updateStatusLeavesOutcomeOpen } from '../../../infra/temporal/update-attempts';

/**
 * Failures the server writes into an Update's outcome about the Update itself, not about our handler:
 * delivered to a worker that stopped (or failed its task) before running it, or accepted by a run that
 * then closed. Either way the step may be recorded through another run, and asking again learns which.
 */
const serverUpdateFailures = new Set(['UnprocessedUpdate', 'AcceptedUpdateCompletedWorkflow']);

/**
 * Whether a command whose Update failed with `error` may still be (or have been) recorded. Only a call
 * that provably never reached the server, a refusal by the server before admission (both judged by
 * `updateStatusLeavesOutcomeOpen`), and our own workflow's answer are certain; every other failure (a
 * deadline, a connection lost after sending, an abort by the server, an Update the worker never ran)
 * leaves the outcome open, and the same request with the same Idempotency-Key learns it (decision 0060).
 */
export function mayHaveBeenRecorded(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    return cause instanceof ApplicationFailure && serverUpdateFailures.has(cause.type ?? '');
  }
  if (!(error instanceof ServiceError)) return false;
  const grpc = error.cause;
  // The client wraps what is not a gRPC status ("Unexpected error while making gRPC request"): unknown.
  if (!isGrpcServiceError(grpc)) return true;
  return updateStatusLeavesOutcomeOpen(grpc.code, grpc.details);
}
