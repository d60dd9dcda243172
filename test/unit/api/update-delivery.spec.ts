import { Metadata, status } from '@grpc/grpc-js';
import { callErrorFromStatus } from '@grpc/grpc-js/build/src/call';
import {
  ApplicationFailure,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { mayHaveBeenRecorded } from '../../../apps/api/commands/update-delivery';
import { recordingFailure } from '../../../domain/shared/recording-failures';
import { refusalFailure } from '../../../workflows/shared/refusal-failure';

/** What grpc-js rejects a call with, wrapped as the workflow client wraps a failed Update's call. */
function updateCallFailed(code: status, details: string): ServiceError {
  const grpc = callErrorFromStatus({ code, details, metadata: new Metadata() }, '');
  return new ServiceError('Workflow Update failed', { cause: grpc });
}

/** A failure written into the Update's outcome, as the client hands it over. */
function outcomeFailed(failure: Error): WorkflowUpdateFailedError {
  return new WorkflowUpdateFailedError('Workflow Update failed', failure);
}

describe('whether a command whose Update failed may still be recorded', () => {
  it.each<[string, Error]>([
    [
      'the server refused the connection',
      updateCallFailed(
        status.UNAVAILABLE,
        'No connection established. Last error: connect ECONNREFUSED 127.0.0.1:7233. Resolution note: ',
      ),
    ],
    [
      'the name did not resolve',
      updateCallFailed(status.UNAVAILABLE, 'Name resolution failed for target dns:temporal:7233'),
    ],
    [
      'the server refused the stream unread',
      updateCallFailed(status.UNAVAILABLE, 'Stream refused by server'),
    ],
    [
      'the batch has its limit of Updates in flight',
      updateCallFailed(
        status.RESOURCE_EXHAUSTED,
        'limit on number of concurrent in-flight updates has been reached (10)',
      ),
    ],
    [
      'the workflow task failed before the Update was accepted',
      updateCallFailed(
        status.FAILED_PRECONDITION,
        'Unable to perform workflow execution update due to unexpected workflow task failure.',
      ),
    ],
    ['the request was invalid', updateCallFailed(status.INVALID_ARGUMENT, 'bad update name')],
    ['the workflow does not exist', new WorkflowNotFoundError('not found', 'batch-2017', undefined)],
    [
      'our workflow refused the step',
      outcomeFailed(refusalFailure(recordingFailure('STEP_NOT_CONFIRMED', { commandId: 'c-1' }))),
    ],
    ['our handler failed', outcomeFailed(ApplicationFailure.create({ message: 'bug', type: 'TypeError' }))],
  ])('not when %s: the answer is certain', (_label, error) => {
    expect(mayHaveBeenRecorded(error)).toBe(false);
  });

  it.each<[string, Error]>([
    ['the server aborted the Update', updateCallFailed(status.UNAVAILABLE, 'workflow update was aborted')],
    ['the connection dropped after sending', updateCallFailed(status.UNAVAILABLE, 'Connection dropped')],
    ['the stream was reset', updateCallFailed(status.INTERNAL, 'Received RST_STREAM with code 2')],
    ['the server failed in an unknown way', updateCallFailed(status.UNKNOWN, 'unknown')],
    [
      'the call failed other than with a gRPC status',
      new ServiceError('Unexpected error while making gRPC request', { cause: new Error('socket hang up') }),
    ],
    [
      'the deadline passed',
      new WorkflowUpdateRPCTimeoutOrCancelledError('Deadline exceeded', {
        cause: callErrorFromStatus(
          { code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded', metadata: new Metadata() },
          '',
        ),
      }),
    ],
    [
      'the worker stopped without running the Update',
      outcomeFailed(
        ApplicationFailure.create({
          message:
            "Workflow Update is rejected because it wasn't processed by worker. Probably, Workflow Update is not supported by the worker.",
          type: 'UnprocessedUpdate',
          nonRetryable: true,
        }),
      ),
    ],
    [
      'the run closed after accepting the Update',
      outcomeFailed(
        ApplicationFailure.create({
          message: 'Workflow Update failed because the Workflow completed before the Update completed.',
          type: 'AcceptedUpdateCompletedWorkflow',
          nonRetryable: true,
        }),
      ),
    ],
  ])('yes when %s: the same request learns the outcome', (_label, error) => {
    expect(mayHaveBeenRecorded(error)).toBe(true);
  });
});
