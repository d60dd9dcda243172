/**
 * Caps on audit jobs running at once, per auditor and in all (decision 0077): a job reads the whole log
 * or every history, so a few at a time is what the audit worker is sized for; one more is refused with
 * 429 and Retry-After rather than queued behind hours of others.
 *
 * Running jobs are counted from Temporal's visibility, which every API process shares. Visibility lags
 * a start by a moment, so the jobs this process started in the last few seconds are asked for directly
 * too, and this process admits one start at a time: a burst of requests cannot all see the same count.
 * A server without visibility (the time-skipping test server of training and tests) answers the list as
 * unimplemented: then the jobs this process started are the count, each asked for directly until it ends.
 */
import type { Client } from '@temporalio/client';
import { bilingualProblem, ProblemException } from '../errors/problem';
import { auditJobWorkflowType, type AuditJobMemo } from '../../../workflows/audit/audit-job.messages';
import { isTemporalFeatureMissing } from '../errors/error-translation';

export interface AuditJobCaps {
  readonly maxRunningPerAuditor: number;
  readonly maxRunning: number;
}

/** How long a start is counted from this process's own memory, for visibility to catch up. */
const visibilityLagMs = 10_000;
/** What a refused auditor is told to wait: jobs take minutes, not milliseconds. */
export const auditJobsRetryAfterSeconds = 30;

export class RunningAuditJobs {
  private readonly startedHere = new Map<string, { readonly userId: string; readonly at: number }>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
    private readonly caps: AuditJobCaps,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Runs `start` if `userId` and everyone together are under their caps; else 429 AUDIT_JOBS_LIMIT_REACHED. */
  admit<T>(userId: string, workflowId: string, start: () => Promise<T>): Promise<T> {
    const admitted = this.turn.then(async () => {
      const running = await this.running();
      const own = [...running.values()].filter((owner) => owner === userId).length;
      if (running.size >= this.caps.maxRunning) throw limitReached('all', this.caps.maxRunning);
      if (own >= this.caps.maxRunningPerAuditor)
        throw limitReached('auditor', this.caps.maxRunningPerAuditor);
      const started = await start();
      this.startedHere.set(workflowId, { userId, at: this.clock() });
      return started;
    });
    this.turn = admitted.catch(() => undefined);
    return admitted;
  }

  /** Each running job's workflow id and who asked for it. */
  private async running(): Promise<Map<string, string>> {
    const listed = await this.listed();
    const running = new Map(listed ?? []);
    const now = this.clock();
    for (const [workflowId, started] of this.startedHere) {
      if (listed !== undefined && (running.has(workflowId) || now - started.at > visibilityLagMs)) {
        this.startedHere.delete(workflowId);
      } else if (await this.stillRunning(workflowId)) {
        running.set(workflowId, started.userId);
      } else {
        // Finished before visibility showed it: a quick job must not count for the whole moment.
        this.startedHere.delete(workflowId);
      }
    }
    return running;
  }

  /** The running jobs visibility knows of; undefined where the server has no visibility. */
  private async listed(): Promise<Map<string, string> | undefined> {
    const query =
      `WorkflowType = '${auditJobWorkflowType}' AND ExecutionStatus = 'Running' ` +
      `AND TaskQueue = '${this.taskQueue.replace(/'/g, "''")}'`;
    const running = new Map<string, string>();
    try {
      for await (const execution of this.temporal.workflow.list({ query })) {
        const memo = execution.memo as Partial<AuditJobMemo> | undefined;
        running.set(execution.workflowId, memo?.requestedBy?.userId ?? '');
      }
    } catch (error) {
      if (isTemporalFeatureMissing(error)) return undefined;
      throw error;
    }
    return running;
  }

  /** From the workflow itself, which (unlike visibility) is never behind. */
  private async stillRunning(workflowId: string): Promise<boolean> {
    const { status } = await this.temporal.workflow.getHandle(workflowId).describe();
    return status.name === 'RUNNING';
  }
}

/** Whether `error` is the refusal `admit` gives when a cap is reached. */
export function isLimitReached(error: unknown): boolean {
  return error instanceof ProblemException && error.problem.code === 'AUDIT_JOBS_LIMIT_REACHED';
}

function limitReached(scope: 'auditor' | 'all', limit: number): ProblemException {
  const retryAfter = { 'Retry-After': String(auditJobsRetryAfterSeconds) };
  return scope === 'auditor'
    ? bilingualProblem(
        429,
        'AUDIT_JOBS_LIMIT_REACHED',
        'Too Many Requests',
        {
          en: `You already have ${limit} audit job(s) running, the most one auditor may; retry when one has finished.`,
          zh: `您已有 ${limit} 个审计任务在运行，已达每位审计人员的上限；请待其中一个完成后重试。`,
        },
        retryAfter,
      )
    : bilingualProblem(
        429,
        'AUDIT_JOBS_LIMIT_REACHED',
        'Too Many Requests',
        {
          en: `${limit} audit job(s) are running, the most the system runs at once; retry when one has finished.`,
          zh: `已有 ${limit} 个审计任务在运行，已达系统同时运行的上限；请待其中一个完成后重试。`,
        },
        retryAfter,
      );
}
