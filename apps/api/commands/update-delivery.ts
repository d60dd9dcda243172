import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

/**
 * gRPC codes with which the server refuses a call before any workflow sees it: the Update was never
 * admitted, so nothing can be recorded. RESOURCE_EXHAUSTED is the in-flight limit (decision 0065),
 * FAILED_PRECONDITION the server's "workflow task failed, Update not accepted".
 */
const refusedBeforeAdmission = new Set([
  3, // INVALID_ARGUMENT
  5, // NOT_FOUND (from a workflow that runs, sendCommand has already asked again: decision 0142)
  6, // ALREADY_EXISTS
  7, // PERMISSION_DENIED
  8, // RESOURCE_EXHAUSTED
  9, // FAILED_PRECONDITION
  12, // UNIMPLEMENTED
  16, // UNAUTHENTICATED
]);
const grpcUnavailable = 14;

/**
 * What grpc-js says when a call found no connection to send itself on (connection refused, no route, a
 * name that does not resolve), or when the server refused the stream unread (HTTP/2 REFUSED_STREAM).
 */
const neverSent =
  /No connection established|Name resolution failed|Failed to connect|ECONNREFUSED|Stream refused by server/i;

/**
 * Failures the server writes into an Update's outcome about the Update itself, not about our handler:
 * delivered to a worker that stopped (or failed its task) before running it, or accepted by a run that
 * then closed. Either way the step may be recorded through another run, and asking again learns which.
 */
const serverUpdateFailures = new Set(['UnprocessedUpdate', 'AcceptedUpdateCompletedWorkflow']);

/**
 * Whether a command whose Update failed with `error` may still be (or have been) recorded. Only a call
 * that provably never reached the server, a refusal by the server before admission, and our own
 * workflow's answer are certain; every other failure (a deadline, a connection lost after sending, an
 * abort by the server, an Update the worker never ran) leaves the outcome open, and the same request with
 * the same Idempotency-Key learns it (docs/decisions/0060).
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
  const code: number = grpc.code;
  if (refusedBeforeAdmission.has(code)) return false;
  return !(code === grpcUnavailable && neverSent.test(grpc.details));
}
