import { AsyncLocalStorage } from 'node:async_hooks';
import { InterceptingCall, type Interceptor, type StatusObject } from '@grpc/grpc-js';

/**
 * gRPC codes with which the server refuses a call before any workflow sees it: the Update was never
 * admitted, so nothing can be recorded. RESOURCE_EXHAUSTED is the in-flight limit (decision 0065),
 * FAILED_PRECONDITION the server's "workflow task failed, Update not accepted".
 */
const refusedBeforeAdmission = new Set([
  3, // INVALID_ARGUMENT
  5, // NOT_FOUND (from a workflow that runs, the API has already asked again: decision 0142)
  6, // ALREADY_EXISTS
  7, // PERMISSION_DENIED
  8, // RESOURCE_EXHAUSTED
  9, // FAILED_PRECONDITION
  12, // UNIMPLEMENTED
  16, // UNAUTHENTICATED
]);
const grpcOk = 0;
const grpcUnavailable = 14;

/**
 * What grpc-js says when a call found no connection to send itself on (connection refused, no route, a
 * name that does not resolve), or when the server refused the stream unread (HTTP/2 REFUSED_STREAM).
 */
const neverSent =
  /No connection established|Name resolution failed|Failed to connect|ECONNREFUSED|Stream refused by server/i;

/**
 * Whether an Update call that ended with this status may have left a step recorded: only a call that
 * provably never reached the server, and a refusal by the server before admission, are certain.
 */
export function updateStatusLeavesOutcomeOpen(code: number, details: string): boolean {
  if (refusedBeforeAdmission.has(code)) return false;
  return !(code === grpcUnavailable && neverSent.test(details));
}

/** What the attempts of one command's Update did: whether any may have reached a workflow. */
export interface UpdateAttempts {
  mayHaveReachedIt: boolean;
}

const commandAttempts = new AsyncLocalStorage<UpdateAttempts>();
/** The retry interceptor starts every attempt with the first one's options object: the command's key. */
const attemptsOfCall = new WeakMap<object, UpdateAttempts>();

/** Runs one command's Update, noting in `attempts` what each of its gRPC attempts did. */
export function withUpdateAttempts<T>(attempts: UpdateAttempts, send: () => Promise<T>): Promise<T> {
  return commandAttempts.run(attempts, send);
}

/**
 * Placed under the client's retry interceptor, so it sees every attempt, not only the last: the client
 * reports the last attempt's failure alone, and an attempt that reached the server before the connection
 * was lost would otherwise hide behind later ones that found no connection (decisions 0141, 0143).
 */
export const updateAttemptsInterceptor: Interceptor = (options, nextCall) => {
  const attempts = attemptsOfCall.get(options) ?? commandAttempts.getStore();
  if (!attempts || !options.method_definition.path.endsWith('/UpdateWorkflowExecution'))
    return new InterceptingCall(nextCall(options));
  attemptsOfCall.set(options, attempts);
  return new InterceptingCall(nextCall(options), {
    start: (metadata, _listener, next) =>
      next(metadata, {
        onReceiveStatus: (status: StatusObject, nextStatus) => {
          const code: number = status.code;
          if (code === grpcOk || updateStatusLeavesOutcomeOpen(code, status.details))
            attempts.mayHaveReachedIt = true;
          nextStatus(status);
        },
      }),
  });
};
