/**
 * Checkpoints kept in the history of the checkpoint ledger workflow (workflows/audit/), on the Temporal
 * cluster: a record the event store's administrator cannot rewrite together with the events table.
 * docs/decisions/0023-checkpoint-ledger-and-periodic-checkpointer.md.
 *
 * Appending is the ledger's Update, with-start so that the first checkpoint creates the ledger; the
 * ledger's validator refuses one that does not extend its last. Reading back walks the workflow's
 * history — every run, from the latest back through continue-as-new — rather than asking the workflow,
 * because the history is the record and the workflow's memory holds only what validation needs.
 */
import {
  type Client,
  isGrpcServiceError,
  WithStartWorkflowOperation,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import type { temporal } from '@temporalio/proto';
import { AuditError } from '../../domain/audit/audit.errors';
import { type Checkpoint, checkpointDigest, parseCheckpoint } from './checkpoint';
import type { CheckpointSink } from './checkpoint-sink';

/**
 * How to reach the ledger. Its names are defined in workflows/audit/checkpoint-ledger.messages.ts, which
 * infra/ may not import: the composition in apps/ passes them in.
 */
export interface CheckpointLedgerAddress {
  readonly workflowId: string;
  readonly workflowType: string;
  readonly taskQueue: string;
  /** The ledger's input, used when the first checkpoint starts it. */
  readonly startInput: unknown;
  /** The name of the Update that records a checkpoint. */
  readonly recordUpdate: string;
}

export interface TemporalCheckpointSinkOptions {
  readonly client: Client;
  readonly ledger: CheckpointLedgerAddress;
  /** How long an append waits for the ledger (a worker must be polling its task queue). Default 60 s. */
  readonly appendTimeoutMs?: number;
}

/** The ledger refused a checkpoint; `refusal` is the ledger's own stable code. */
export class LedgerRefusedError extends AuditError {
  constructor(
    readonly refusal: string,
    message: string,
  ) {
    super('CHECKPOINT_REFUSED', message);
    this.name = 'LedgerRefusedError';
  }
}

export type CheckpointLedgerErrorCode = 'CHECKPOINT_LEDGER_UNAVAILABLE' | 'CHECKPOINT_LEDGER_INCOMPLETE';

/** The ledger could not be written or read in full: not a finding about the log, a failure of the tool. */
export class CheckpointLedgerError extends Error {
  constructor(
    readonly code: CheckpointLedgerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CheckpointLedgerError';
  }
}

const DEFAULT_APPEND_TIMEOUT_MS = 60_000;
/** gRPC status NOT_FOUND: the history asked for does not exist (never started, or deleted). */
const GRPC_NOT_FOUND = 5;

type History = temporal.api.history.v1.IHistory;

export class TemporalCheckpointSink implements CheckpointSink {
  readonly description: string;
  private readonly client: Client;
  private readonly ledger: CheckpointLedgerAddress;
  private readonly appendTimeoutMs: number;

  constructor(options: TemporalCheckpointSinkOptions) {
    this.client = options.client;
    this.ledger = options.ledger;
    this.appendTimeoutMs = options.appendTimeoutMs ?? DEFAULT_APPEND_TIMEOUT_MS;
    this.description = `the history of workflow ${options.ledger.workflowId}`;
  }

  async append(checkpoint: Checkpoint): Promise<void> {
    const { workflowId, workflowType, taskQueue, startInput, recordUpdate } = this.ledger;
    try {
      await this.client.withAbortSignal(AbortSignal.timeout(this.appendTimeoutMs), () =>
        this.client.workflow.executeUpdateWithStart(recordUpdate, {
          args: [checkpoint],
          // The same checkpoint sent twice (a retry after a lost answer) is recorded once.
          updateId: `checkpoint-${checkpoint.sequence}-${checkpointDigest(checkpoint).slice(0, 16)}`,
          startWorkflowOperation: new WithStartWorkflowOperation(workflowType, {
            workflowId,
            taskQueue,
            args: [startInput],
            workflowIdConflictPolicy: 'USE_EXISTING',
          }),
        }),
      );
    } catch (error) {
      const refusal = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
      if (refusal instanceof ApplicationFailure && refusal.type) {
        throw new LedgerRefusedError(
          refusal.type,
          `${this.description} refused checkpoint ${checkpoint.sequence} [${refusal.type}]: ${refusal.message}`,
        );
      }
      throw new CheckpointLedgerError(
        'CHECKPOINT_LEDGER_UNAVAILABLE',
        `Cannot record checkpoint ${checkpoint.sequence} in ${this.description}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  async readAll(): Promise<Checkpoint[]> {
    const runs: Checkpoint[][] = [];
    let runId: string | undefined;
    for (;;) {
      const history = await this.historyOf(runId);
      if (history === undefined) return [];
      runs.unshift(await this.checkpointsIn(history, runId ?? 'latest'));
      const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
      if (!previous) return runs.flat();
      runId = previous;
    }
  }

  /** A run's history; undefined when the ledger was never started. */
  private async historyOf(runId: string | undefined): Promise<History | undefined> {
    try {
      return await this.client.workflow.getHandle(this.ledger.workflowId, runId).fetchHistory();
    } catch (error) {
      if (!(isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND)) throw error;
      if (runId === undefined) return undefined;
      throw new CheckpointLedgerError(
        'CHECKPOINT_LEDGER_INCOMPLETE',
        `Run ${runId} of ${this.ledger.workflowId}, which a later run continues, has no history any more ` +
          '(deleted after the namespace retention period?): the checkpoints it recorded cannot be read back',
        { cause: error },
      );
    }
  }

  /** The checkpoints of the run's Updates that the ledger accepted and completed, in order. */
  private async checkpointsIn(history: History, run: string): Promise<Checkpoint[]> {
    const accepted: { readonly updateId: string; readonly args: temporal.api.common.v1.IPayloads }[] = [];
    const completed = new Set<string>();
    for (const event of history.events ?? []) {
      const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
      if (request?.input?.name === this.ledger.recordUpdate && request.meta?.updateId) {
        accepted.push({ updateId: request.meta.updateId, args: request.input.args ?? {} });
      }
      const outcome = event.workflowExecutionUpdateCompletedEventAttributes;
      if (outcome?.outcome?.success && outcome.meta?.updateId) completed.add(outcome.meta.updateId);
    }
    const checkpoints: Checkpoint[] = [];
    for (const { updateId, args } of accepted) {
      if (!completed.has(updateId)) continue;
      const [value] = await decodeArrayFromPayloads(
        this.client.workflow.options.loadedDataConverter,
        args.payloads,
      );
      checkpoints.push(parseCheckpoint(value, `${this.description}, run ${run}, update ${updateId}`));
    }
    return checkpoints;
  }
}
