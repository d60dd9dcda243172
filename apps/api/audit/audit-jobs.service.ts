import { Inject, Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowExecutionInfo,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { townDecider } from '../../../domain/town';
import { recordingFailureCatalogue } from '../../../domain/shared/recording-failures';
import { jobDirectory, jobFilePath } from '../../../activities/audit-jobs.files';
import type { AuditJobFile, AuditJobSpec } from '../../../activities/audit-jobs.types';
import { findPolicy } from '../../../domain/policy/policy-registry';
import type { Principal } from '../../../infra/auth/principal';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import {
  auditJobFilesWorkflowId,
  auditJobProgressQuery,
  auditJobWorkflowId,
  auditJobWorkflowType,
  type AuditJobInput,
  type AuditJobMemo,
  type AuditJobProgress,
  type AuditJobResult,
} from '../../../workflows/audit/audit-job.messages';
import { auditJobWorkflow } from '../../../workflows/audit/audit-job.workflow';
import { API_SETTINGS, EVENT_STORE, nowOf, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import {
  bilingualProblem,
  ProblemException,
  referenceNotFoundProblem,
  validationProblem,
  type FieldProblem,
} from '../errors/problem';
import { idempotencyScope, requestFingerprint, uuidFromKey } from '../idempotency/idempotency-key';
import { auditJobNotFound, jobFileNotFound } from './audit-problems';
import { AUDIT_SETTINGS, type AuditApiSettings } from './audit-settings';
import { isLimitReached, RunningAuditJobs } from './running-audit-jobs';
import { isTemporalFeatureMissing } from '../errors/error-translation';
import {
  type AuditJobScheduling,
  auditTaskQueueOf,
  loadAuditJobScheduling,
} from '../../../infra/audit/audit-jobs-config';
import type {
  AuditJobDto,
  AuditJobErrorDto,
  AuditJobFileDto,
  AuditJobListDto,
  AuditJobState,
  AuditJobSummaryDto,
  StartAuditJobDto,
} from './audit-jobs.dto';

/** Which request started a job: with an Idempotency-Key, a retry finds the job instead of starting another. */
export interface JobRequest {
  readonly idempotencyKey: string | undefined;
  readonly method: string;
  readonly path: string;
}

/** Options and the kinds they belong to; any other option of a request is refused, naming it. */
const optionsOf: Readonly<Record<AuditJobSpec['kind'], readonly (keyof StartAuditJobDto)[]>> = {
  verify: [],
  export: ['townId'],
  replay: ['workflowIds'],
  redecide: ['townId', 'whatIf'],
};

/** A stopped job's query is not worth a long wait: its status says it is running either way. */
const progressQueryTimeoutMs = 3_000;

/**
 * Audit jobs as workflows on the worker's queue (docs/decisions/0051-auditor-api-and-jobs.md): started
 * here, polled here; their status comes from Temporal (the progress query while running, the result or
 * the failure after), their files from the jobs directory the worker writes.
 */
@Injectable()
export class AuditJobsService {
  private readonly scheduling: AuditJobScheduling;
  /** The jobs' own queue, where this API starts them (decision 0077). */
  private readonly jobsQueue: string;
  private readonly runningJobs: RunningAuditJobs;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    @Inject(AUDIT_SETTINGS) private readonly audit: AuditApiSettings,
  ) {
    this.scheduling = { ...loadAuditJobScheduling({}), ...audit.scheduling };
    this.jobsQueue = auditTaskQueueOf(settings.taskQueue, this.scheduling);
    this.runningJobs = new RunningAuditJobs(temporal, this.jobsQueue, this.scheduling);
  }

  async start(
    dto: StartAuditJobDto,
    caller: Principal,
    request: JobRequest,
  ): Promise<{ readonly job: AuditJobDto; readonly replayed: boolean }> {
    const job = await this.specOf(dto);
    const scope =
      request.idempotencyKey === undefined
        ? undefined
        : idempotencyScope(caller.userId, request.idempotencyKey);
    const jobId = scope === undefined ? randomUUID() : uuidFromKey('audit-job', scope);
    const requestedBy = { userId: caller.userId, seat: caller.seat };
    const memo: AuditJobMemo = {
      kind: job.kind,
      requestedBy,
      request: { ...dto },
      fingerprint: requestFingerprint(request.method, request.path, dto),
    };
    const input: AuditJobInput = {
      jobId,
      requestedBy,
      requestedAt: nowOf(this.settings),
      job,
      filesRetentionHours: this.scheduling.filesRetentionHours,
    };
    // A retry finds its job whatever the caps say now: it starts nothing.
    const existing = scope === undefined ? undefined : await this.existing(jobId);
    if (existing !== undefined) return replayOf(existing, memo);
    try {
      await this.runningJobs.admit(caller.userId, auditJobWorkflowId(jobId), () =>
        this.temporal.workflow.start(auditJobWorkflow, {
          workflowId: auditJobWorkflowId(jobId),
          taskQueue: this.jobsQueue,
          args: [input],
          memo: { ...memo },
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (scope === undefined) throw error;
      if (error instanceof WorkflowExecutionAlreadyStartedError)
        return replayOf(await this.status(jobId), memo);
      // The same request sent again while the first was being admitted: the first's job counts against the
      // caps by now, and refusing its own retry would tell the auditor no job started. Find it instead.
      if (isLimitReached(error)) {
        const started = await this.existing(jobId);
        if (started !== undefined) return replayOf(started, memo);
      }
      throw error;
    }
    // Just started: no progress to ask for yet.
    return { job: (await this.status(jobId, { progress: false })).job, replayed: false };
  }

  /** The job this id names, if it was started. */
  private async existing(jobId: string): Promise<JobStatus | undefined> {
    try {
      return await this.status(jobId);
    } catch (error) {
      if (error instanceof ProblemException && error.problem.code === 'AUDIT_JOB_NOT_FOUND') return undefined;
      throw error;
    }
  }

  async get(jobId: string): Promise<AuditJobDto> {
    return (await this.status(jobId)).job;
  }

  /** Running jobs first, then the most recently closed (visibility's own order). */
  async list(limit: number): Promise<AuditJobListDto> {
    const query =
      `WorkflowType = '${auditJobWorkflowType}' AND ` +
      `(TaskQueue = '${quoted(this.jobsQueue)}' OR TaskQueue = '${quoted(this.settings.taskQueue)}')`;
    const items: AuditJobSummaryDto[] = [];
    for await (const execution of this.temporal.workflow.list({ query, pageSize: limit })) {
      const summary = jobSummaryOf(execution);
      if (summary) items.push(summary);
      if (items.length >= limit) break;
    }
    return { items };
  }

  /** A file of a completed job, as its result lists it. */
  async file(jobId: string, name: string): Promise<AuditJobFile & { readonly path: string }> {
    const { job } = await this.status(jobId);
    const listed = job.result?.files.find((file) => file.name === name);
    const path = listed && jobFilePath(jobDirectory(this.audit.jobsDir, jobId), listed.name);
    if (!listed || !path) throw jobFileNotFound(jobId, name);
    if (!existsSync(path)) {
      if (await this.filesRemoved(jobId)) {
        throw bilingualProblem(410, 'AUDIT_JOB_FILES_EXPIRED', 'Gone', {
          en: `The files of job ${jobId} were deleted when their retention (AUDIT_JOB_RETENTION_HOURS) ended; run the job again`,
          zh: `任务 ${jobId} 的文件已在保留期（AUDIT_JOB_RETENTION_HOURS）结束时删除，请重新运行该任务。`,
        });
      }
      throw bilingualProblem(503, 'AUDIT_JOB_FILES_UNAVAILABLE', 'Service Unavailable', {
        en: `The files of job ${jobId} are not in this API's jobs directory (AUDIT_JOBS_DIR must be the worker's)`,
        zh: `本服务的任务目录中没有任务 ${jobId} 的文件（AUDIT_JOBS_DIR 须与 worker 的相同）。`,
      });
    }
    return { name: listed.name, bytes: listed.bytes, sha256: listed.sha256, path };
  }

  /** Whether the workflow keeping the job's files has deleted them. */
  private async filesRemoved(jobId: string): Promise<boolean> {
    const handle = this.temporal.workflow.getHandle(auditJobFilesWorkflowId(jobId));
    const description = await handle.describe().catch((error: unknown) => {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    });
    return description?.status.name === 'COMPLETED';
  }

  private async status(
    jobId: string,
    ask: { readonly progress: boolean } = { progress: true },
  ): Promise<JobStatus> {
    const handle = this.temporal.workflow.getHandle<typeof auditJobWorkflow>(auditJobWorkflowId(jobId));
    const description = await whenWorkflowMissing(handle.describe(), () => auditJobNotFound(jobId));
    const summary = jobSummaryOf(description);
    // Another workflow, or another system's job on the same server, is no job of this API's. Jobs
    // started before they had a queue of their own ran on the officials'.
    const ours = [this.jobsQueue, this.settings.taskQueue].includes(description.taskQueue);
    if (!summary || !ours) throw auditJobNotFound(jobId);
    const fingerprint = String((description.memo as Partial<AuditJobMemo> | undefined)?.fingerprint);
    const job: AuditJobDto = { ...summary, progress: null, result: null, error: null };
    if (summary.state === 'running') {
      return { job: { ...job, progress: ask.progress ? await this.progressOf(jobId) : null }, fingerprint };
    }
    if (summary.state === 'completed') {
      return {
        job: { ...job, result: resultDto(jobId, await handle.result()) },
        fingerprint,
      };
    }
    const error = await handle.result().then(() => stoppedError(summary.state), failureOf);
    return { job: { ...job, error }, fingerprint };
  }

  /** Null until the job first reports, or when no worker answers in time. */
  private async progressOf(jobId: string): Promise<AuditJobProgress | null> {
    const handle = this.temporal.workflow.getHandle(auditJobWorkflowId(jobId));
    return this.temporal.connection
      .withDeadline(Date.now() + progressQueryTimeoutMs, () => handle.query(auditJobProgressQuery))
      .catch(() => null);
  }

  /** The job to run, once every option is one of its kind's and names something that exists. */
  private async specOf(dto: StartAuditJobDto): Promise<AuditJobSpec> {
    const notApplicable: FieldProblem[] = (Object.keys(dto) as (keyof StartAuditJobDto)[])
      .filter((field) => field !== 'kind' && dto[field] !== undefined && !optionsOf[dto.kind].includes(field))
      .map((field) => ({
        field,
        code: 'NOT_APPLICABLE',
        message: `${field} is not an option of a ${dto.kind} job`,
      }));
    if (notApplicable.length > 0) throw validationProblem(notApplicable);
    if (dto.townId !== undefined) await this.requireTown(dto.townId);
    switch (dto.kind) {
      case 'verify':
        return { kind: 'verify' };
      case 'export':
        return { kind: 'export', ...(dto.townId === undefined ? {} : { townId: dto.townId }) };
      case 'replay':
        if (dto.workflowIds === undefined) await this.requireRunsListed();
        else await this.requireWorkflows(dto.workflowIds);
        return { kind: 'replay', ...(dto.workflowIds === undefined ? {} : { workflowIds: dto.workflowIds }) };
      case 'redecide':
        return {
          kind: 'redecide',
          ...(dto.townId === undefined ? {} : { townId: dto.townId }),
          ...(dto.whatIf === undefined ? {} : { whatIf: this.packOf(dto.whatIf) }),
        };
    }
  }

  /** A job about a town that does not exist finds nothing to run on: 404 naming the field. */
  private async requireTown(townId: string): Promise<void> {
    const [first] = await this.store.readStream(townDecider.streamOf(townId), { maxCount: 1 });
    if (!first) {
      throw referenceNotFoundProblem([
        { field: 'townId', code: 'TOWN_NOT_FOUND', message: `No town ${townId}` },
      ]);
    }
  }

  private async requireWorkflows(workflowIds: readonly string[]): Promise<void> {
    const missing: FieldProblem[] = [];
    for (const [index, workflowId] of workflowIds.entries()) {
      await this.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
          missing.push({
            field: `workflowIds.${index}`,
            code: 'WORKFLOW_NOT_FOUND',
            message: `No workflow ${workflowId}`,
          });
        });
    }
    if (missing.length > 0) throw referenceNotFoundProblem(missing);
  }

  /**
   * A replay that names no workflow lists the programme's runs in Temporal's visibility. A server without
   * that API (the time-skipping server of training mode) is refused here, at once and with nothing
   * started, as the jobs list is: the job could only fail, and asking again never helps.
   */
  private async requireRunsListed(): Promise<void> {
    const query = `TaskQueue = '${quoted(this.settings.taskQueue)}'`;
    try {
      for await (const _run of this.temporal.workflow.list({ query, pageSize: 1 })) break;
    } catch (error) {
      if (!isTemporalFeatureMissing(error)) throw error;
      throw bilingualProblem(501, 'TEMPORAL_FEATURE_UNAVAILABLE', 'Not Implemented', {
        en: 'This Temporal server cannot list workflow runs (the time-skipping server of training mode has no visibility API), so a replay must name its runs: give workflowIds',
        zh: '当前 Temporal 服务无法列出工作流运行（演练模式使用的时间跳跃测试服务器没有可见性接口），重放须指明要重放的运行：请提供 workflowIds。',
      });
    }
  }

  private packOf(id: string) {
    const pack = id === this.settings.policy.id ? this.settings.policy : findPolicy(id);
    if (!pack) {
      throw validationProblem([
        {
          field: 'whatIf',
          code: 'POLICY_UNKNOWN',
          message: `"${id}" is neither a built-in pack nor this programme's`,
        },
      ]);
    }
    return pack;
  }
}

interface JobStatus {
  readonly job: AuditJobDto;
  readonly fingerprint: string;
}

/** The job an Idempotency-Key already started, if this request is the one that started it. */
function replayOf(existing: JobStatus, memo: AuditJobMemo) {
  if (existing.fingerprint !== memo.fingerprint) throw keyReused();
  return { job: existing.job, replayed: true };
}

function keyReused() {
  return bilingualProblem(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'Unprocessable Content',
    recordingFailureCatalogue.IDEMPOTENCY_KEY_REUSED,
  );
}

/** Single quotes doubled inside a visibility query's string literal. */
function quoted(text: string): string {
  return text.replace(/'/g, "''");
}

const states: Readonly<Partial<Record<WorkflowExecutionInfo['status']['name'], AuditJobState>>> = {
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed-out',
};

function jobSummaryOf(execution: Omit<WorkflowExecutionInfo, 'raw'>): AuditJobSummaryDto | undefined {
  const jobId = execution.workflowId.replace(/^audit-job-/, '');
  const memo = execution.memo as Partial<AuditJobMemo> | undefined;
  const state = states[execution.status.name];
  if (execution.type !== auditJobWorkflowType || state === undefined || !memo?.kind || !memo.requestedBy) {
    return undefined;
  }
  return {
    jobId,
    workflowId: execution.workflowId,
    url: jobUrl(jobId),
    kind: memo.kind,
    state,
    request: { ...memo.request },
    requestedBy: { userId: memo.requestedBy.userId, seat: memo.requestedBy.seat },
    startedAt: execution.startTime.toISOString(),
    closedAt: execution.closeTime?.toISOString() ?? null,
  };
}

function jobUrl(jobId: string): string {
  return `/api/audit/jobs/${jobId}`;
}

function resultDto(jobId: string, result: AuditJobResult) {
  return {
    ok: result.ok,
    summary: { ...result.summary },
    report: (result.report ?? null) as Record<string, unknown> | null,
    reportTruncated: result.reportTruncated,
    files: result.files.map((file): AuditJobFileDto => ({
      ...file,
      url: `${jobUrl(jobId)}/files/${encodeURIComponent(file.name)}`,
    })),
    finishedAt: result.finishedAt,
  };
}

function stoppedError(state: AuditJobState): AuditJobErrorDto {
  return { code: `AUDIT_JOB_${state.toUpperCase().replace('-', '_')}`, message: `The job was ${state}` };
}

/**
 * The job's own failure, as its activity raised it: an audit error's code (AUDIT_KEY_MISSING,
 * WORKFLOW_NOT_FOUND…), or the stop that ended it.
 */
function failureOf(error: unknown): AuditJobErrorDto {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type && /^[A-Z][A-Z0-9_]+$/.test(cause.type)) {
      return { code: cause.type, message: cause.message };
    }
  }
  const message = error instanceof WorkflowFailedError && error.cause ? error.cause.message : String(error);
  return { code: 'AUDIT_JOB_FAILED', message };
}
