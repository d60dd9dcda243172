import { bilingualProblem, type ProblemException } from '../errors/problem';

export function batchNotFound(batchId: string): ProblemException {
  return bilingualProblem(404, 'BATCH_NOT_FOUND', 'Not Found', {
    en: `No batch "${batchId}" in this programme.`,
    zh: `本计划没有“${batchId}”批次。`,
  });
}

/** The batch is in the pack, but its workflow is not running: not opened yet, or already finished. */
export function batchNotOpen(batchId: string): ProblemException {
  return bilingualProblem(409, 'BATCH_NOT_OPEN', 'Conflict', {
    en: `Batch ${batchId} is not open: it has not been opened yet, or it has already finished.`,
    zh: `第${batchId}批次未开放：尚未开放或已经结束。`,
  });
}
