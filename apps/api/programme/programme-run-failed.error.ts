/**
 * The programme's last run ended in failure (failed, terminated, timed out, cancelled). Starting it
 * again would open its batches and rounds a second time from its input and, whatever failed it, most
 * likely fail the same way: a process does not do that by itself at every start. The operator reads
 * the failure, fixes its cause, and starts a new run by naming the failed one in
 * `PROGRAMME_RESTART_FAILED_RUN` (docs/decisions/0064-a-failed-programme-run-is-not-restarted-silently.md).
 */
export class ProgrammeRunFailedError extends Error {
  readonly code = 'PROGRAMME_RUN_FAILED';
  readonly messageEn: string;
  readonly messageZh: string;

  constructor(
    readonly workflowId: string,
    readonly runId: string,
    readonly status: string,
    readonly failure: string,
  ) {
    const en =
      `The programme's workflow ${workflowId} (run ${runId}) ended ${status}: ${failure}. It is not ` +
      `started again by itself. Fix the cause, then start once with PROGRAMME_RESTART_FAILED_RUN=${runId} ` +
      'to begin a new run.';
    const zh =
      `项目工作流 ${workflowId}（运行 ${runId}）已以 ${status} 结束：${failure}。系统不会自动重新启动它。` +
      `请先排除原因，再以 PROGRAMME_RESTART_FAILED_RUN=${runId} 启动一次，开始新的运行。`;
    super(`${en}\n${zh}`);
    this.name = 'ProgrammeRunFailedError';
    this.messageEn = en;
    this.messageZh = zh;
  }
}
