/**
 * Audit jobs (docs/decisions/0051-auditor-api-and-jobs.md): the long checks an auditor starts over HTTP,
 * each run by its workflow as this one activity. A job reads the record and never writes to it; what it
 * produces (its full report, an export's bundle) goes to the job's own directory, which the API serves.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { DomainRefusal } from '../domain/shared/domain-refusal';
import type { AuditJobsConfig } from '../infra/audit/audit-jobs-config';
import { asJsonData } from '../audit/shared/audit-json';
import { AuditError } from '../domain/audit/audit.errors';
import { chainedLog, exportBundle } from '../audit/export/bundle-export';
import type { Checkpoint } from '../infra/audit/checkpoint';
import type { CheckpointSink } from '../infra/audit/checkpoint-sink';
import { JsonLinesCheckpointSink } from '../infra/audit/jsonl-checkpoint-sink';
import { loadSigningKey, loadTrustedKeys, type SigningKey } from '../infra/audit/keys';
import { redecideLog } from '../audit/redecide/redecide';
import { replayWorkflowHistories } from '../audit/replay/temporal-replay';
import { TemporalReplayError } from '../infra/audit/temporal-replay-errors';
import type { Progress } from '../audit/shared/progress';
import { readCheckpointRecords, verifyLogAgainstRecords } from '../audit/verify/verify';
import type { EventStore } from '../infra/event-store/event-store.port';
import {
  freshJobDirectory,
  jobDirectory,
  listJobFiles,
  removeJobDirectory,
  writeReport,
} from './audit-jobs.files';
import { ProgressReporter } from './audit-jobs.progress';
import {
  type AuditJobInput,
  type AuditJobKind,
  type AuditJobProgress,
  type AuditJobResult,
  type AuditJobSpec,
  inlineReportLimitBytes,
} from './audit-jobs.types';
import { serviceMetrics } from '../infra/observability/service-metrics';

export interface AuditJobDependencies {
  readonly store: EventStore;
  readonly config: AuditJobsConfig;
  /**
   * The programme's checkpoint ledger (on the officials' task queue, not the jobs' own): the record a
   * verification reads next to the file. Omitted only where no ledger is kept (training mode).
   */
  readonly ledger?: () => Promise<CheckpointSink>;
  /** Tells the job's workflow how far the job has come (the worker signals it). */
  readonly publishProgress: (workflowId: string, progress: AuditJobProgress) => Promise<void>;
  readonly replay: ReplayDependencies;
  /**
   * Starts the workflow that deletes the job's files once `retentionHours` have passed (the worker starts
   * `auditJobFilesWorkflow`); idempotent, so a retried job starts it once.
   */
  readonly keepFiles?: (jobId: string, retentionHours: number) => Promise<void>;
  readonly now?: () => Date;
}

/** What a replay needs: the server's histories, the workflow code to run them against, its scope. */
export interface ReplayDependencies {
  readonly client: Client;
  readonly workflowBundle?: { readonly codePath: string };
  readonly workflowsPath?: string;
  /** The visibility query a replay without workflow ids covers: the programme's runs on this worker's queue. */
  readonly defaultQuery: string;
}

/** What a kind of job produced, before it is written down. */
interface Outcome {
  readonly report: unknown;
  readonly ok: boolean | null;
}

const units: Readonly<Record<AuditJobKind, string>> = {
  verify: 'events',
  export: 'events',
  replay: 'runs',
  redecide: 'events',
};

/** A summary field larger than this stays in the report only. */
const summaryFieldLimitBytes = 1024;

export function createAuditJobActivities(deps: AuditJobDependencies) {
  const store = readOnly(deps.store);
  const now = deps.now ?? (() => new Date());

  /**
   * The records a verification reads: those AUDIT_CHECKPOINT_SINKS names, in its order, as the CLI's
   * `verify` reads them. A file emptied while the ledger holds the checkpoints, or a ledger never written
   * while the file holds them, must fail the job as it fails the CLI. Without a ledger (training mode)
   * the file is the one record.
   */
  async function checkpointSinks(): Promise<CheckpointSink[]> {
    const file = new JsonLinesCheckpointSink(deps.config.checkpointDir);
    const { ledger } = deps;
    if (ledger === undefined) return [file];
    const sinks: CheckpointSink[] = [];
    for (const kind of deps.config.checkpointSinks) sinks.push(kind === 'file' ? file : await ledger());
    return sinks;
  }

  async function run(job: AuditJobSpec, directory: string, progress: ProgressReporter): Promise<Outcome> {
    // The log's last position is its length on the SQL stores, whose positions have no gaps.
    const onProgress = (p: Progress) =>
      progress.update(p.entries, p.lastPosition === undefined ? null : Number(p.lastPosition));
    switch (job.kind) {
      case 'verify': {
        const report = await verifyLogAgainstRecords({
          log: chainedLog(store),
          records: await readCheckpointRecords(await checkpointSinks()),
          trustedKeys: loadTrustedKeys(deps.config.publicKeysDir),
          onProgress,
        });
        return { report, ok: report.ok };
      }
      case 'export': {
        const { checkpoints, trustedKeys } = await verificationInputs(deps.config);
        const exported = await exportBundle({
          store,
          scope: job.townId === undefined ? { kind: 'programme' } : { kind: 'town', townId: job.townId },
          checkpoints,
          publicKeys: trustedKeys,
          key: exportKey(deps.config, checkpoints),
          directory,
          now,
          onProgress,
        });
        const { manifest, verification } = exported;
        const ok = verification.findingCount === 0;
        return { report: { ok, manifest, verification }, ok };
      }
      case 'replay': {
        const { client, workflowBundle, workflowsPath, defaultQuery } = deps.replay;
        const report = await replayWorkflowHistories({
          client,
          ...(workflowBundle === undefined ? { workflowsPath } : { workflowBundle }),
          ...(job.workflowIds === undefined ? { query: defaultQuery } : { workflowIds: job.workflowIds }),
          onProgress: ({ done, total }) => progress.update(done, total ?? null),
        });
        return { report, ok: report.ok };
      }
      case 'redecide': {
        const report = await redecideLog({
          store,
          ...(job.townId === undefined ? {} : { townId: job.townId }),
          ...(job.whatIf === undefined ? {} : { whatIf: job.whatIf }),
          onProgress: ({ done, total }) => progress.update(done, total),
        });
        return { report, ok: report.ok };
      }
    }
  }

  return {
    async runAuditJob(input: AuditJobInput): Promise<AuditJobResult> {
      const context = Context.current();
      const workflowId = context.info.workflowExecution?.workflowId;
      const directory = jobDirectory(deps.config.jobsDir, input.jobId);
      const progress = new ProgressReporter(
        {
          heartbeat: (details) => context.heartbeat(details),
          publish: (details) =>
            workflowId === undefined ? Promise.resolve() : deps.publishProgress(workflowId, details),
          warn: (message) => {
            context.log.warn(message);
          },
          now: () => Date.now(),
        },
        context.info.attempt,
        units[input.job.kind],
      );
      const stopTimer = serviceMetrics().auditJobDuration.startTimer({ kind: input.job.kind });
      try {
        freshJobDirectory(directory);
        const outcome = await run(input.job, directory, progress);
        const report = asJsonData(outcome.report);
        const text = writeReport(directory, report);
        const fits = Buffer.byteLength(text) <= inlineReportLimitBytes;
        stopTimer({ outcome: 'completed' });
        return {
          kind: input.job.kind,
          ok: outcome.ok,
          summary: summaryOf(report),
          report: fits ? report : null,
          reportTruncated: !fits,
          files: listJobFiles(directory),
          finishedAt: now().toISOString(),
        };
      } catch (error) {
        stopTimer({ outcome: 'failed' });
        throw asActivityFailure(error);
      } finally {
        await progress.finish();
        // A failed job may have left files too. Jobs started before retention existed keep theirs.
        if (input.filesRetentionHours !== undefined) {
          await deps.keepFiles?.(input.jobId, input.filesRetentionHours);
        }
      }
    },

    /** Once a finished job's retention is over: its directory, reports and bundles, all gone. */
    removeAuditJobFiles(jobId: string): Promise<void> {
      removeJobDirectory(jobDirectory(deps.config.jobsDir, jobId));
      return Promise.resolve();
    },
  };
}

export type AuditJobActivities = ReturnType<typeof createAuditJobActivities>;

/** The checkpoints and trusted keys the audit tools are configured with, as the CLI's verify uses them. */
async function verificationInputs(config: AuditJobsConfig) {
  return {
    checkpoints: await new JsonLinesCheckpointSink(config.checkpointDir).readAll(),
    trustedKeys: loadTrustedKeys(config.publicKeysDir),
  };
}

/**
 * The export service's own key. The checkpointer's key never reaches the worker (decision 0020): a key
 * that has signed checkpoints is refused here, so a misconfiguration cannot merge the two roles.
 */
function exportKey(config: AuditJobsConfig, checkpoints: readonly Checkpoint[]): SigningKey {
  if (config.exportKeyFile === undefined) {
    throw new AuditError(
      'AUDIT_KEY_MISSING',
      'No export key: set AUDIT_EXPORT_KEY_FILE to a private key of its own (`npm run audit -- keygen`), not the checkpointer’s, and give its public key to the auditors',
    );
  }
  const key = loadSigningKey(config.exportKeyFile, 'AUDIT_EXPORT_KEY_FILE');
  if (checkpoints.some((checkpoint) => checkpoint.keyId === key.keyId)) {
    throw new AuditError(
      'AUDIT_KEY_INVALID',
      `The export key ${key.keyId} has signed checkpoints: it is the checkpointer’s key, which the worker must not hold`,
    );
  }
  return key;
}

/** A job reads the record and never writes it: the store it is given cannot append. */
function readOnly(store: EventStore): EventStore {
  return {
    kind: store.kind,
    ...(store.chained === undefined ? {} : { chained: store.chained }),
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options, handler) => store.subscribeToAll(options, handler),
    checkHealth: () => store.checkHealth(),
    append: () => Promise.reject(new Error('Audit jobs read the record; they never append to it')),
    // The worker owns the store and closes it.
    close: () => Promise.resolve(),
  };
}

/** The report's top-level fields that are not lists and whose JSON is small. */
export function summaryOf(report: unknown): Record<string, unknown> {
  if (typeof report !== 'object' || report === null || Array.isArray(report)) return {};
  return Object.fromEntries(
    Object.entries(report).filter(
      ([, value]) =>
        !Array.isArray(value) && Buffer.byteLength(JSON.stringify(value) ?? '') <= summaryFieldLimitBytes,
    ),
  );
}

/** The job's own failures (a missing key, an unknown town) cannot succeed on a retry; outages can. */
function asActivityFailure(error: unknown): unknown {
  if (error instanceof AuditError) return ApplicationFailure.nonRetryable(error.message, error.code);
  if (error instanceof TemporalReplayError) {
    return error.code === 'TEMPORAL_UNAVAILABLE'
      ? ApplicationFailure.retryable(error.message, error.code)
      : ApplicationFailure.nonRetryable(error.message, error.code);
  }
  if (error instanceof DomainRefusal) {
    return ApplicationFailure.nonRetryable(error.messageEn, error.code, error.toJSON());
  }
  return error;
}
