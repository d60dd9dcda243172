import { AuditError } from '../../../domain/audit/audit.errors';
import { bilingualProblem, problem, ProblemException, validationProblem } from '../errors/problem';
import { problemMessage } from '../errors/problem-catalogue';
import { townNotFound } from '../shared/town-problems';

export function auditJobNotFound(jobId: string): ProblemException {
  return bilingualProblem(404, 'AUDIT_JOB_NOT_FOUND', 'Not Found', {
    en: `No audit job ${jobId}`,
    zh: `没有审计任务 ${jobId}。`,
  });
}

export function jobFileNotFound(jobId: string, name: string): ProblemException {
  return bilingualProblem(404, 'AUDIT_JOB_FILE_NOT_FOUND', 'Not Found', {
    en: `Audit job ${jobId} has no file "${name}" (only a completed job has files; see its \`result.files\`)`,
    zh: `审计任务 ${jobId} 没有文件“${name}”（只有已完成的任务才有文件，见其 result.files）。`,
  });
}

/**
 * The audit tools' own errors as problems: a bad instant names the field, an unknown town is 404, a
 * store without hash chains cannot answer at all; anything else is unexpected.
 */
export function auditProblem(error: unknown, townId?: string): unknown {
  if (!(error instanceof AuditError)) return error;
  const { code, message } = error;
  const reason = { reason: message };
  if (code === 'INSTANT_INVALID') return validationProblem([{ field: 'at', code, message }]);
  if (code === 'TOWN_NOT_FOUND') {
    return townId === undefined
      ? new ProblemException(problem(404, code, 'Not Found', problemMessage('AUDIT_TOWN_NOT_FOUND', reason)))
      : townNotFound(townId);
  }
  if (code === 'STORE_NOT_CHAINED')
    return new ProblemException(problem(501, code, 'Not Implemented', problemMessage(code, reason)));
  if (code === 'STATE_FOLD_FAILED') {
    return new ProblemException(problem(500, code, 'Internal Server Error', problemMessage(code, reason)));
  }
  return error;
}

/** Runs an audit read; its AuditError, if any, leaves as the problem it stands for. */
export async function asAuditProblem<T>(work: Promise<T>, townId?: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw auditProblem(error, townId);
  }
}
