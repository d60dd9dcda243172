import type { AuditJobProgress } from '../../activities/audit-jobs.types';

/**
 * Which report to show: a retried attempt starts counting again and replaces the failed one's count;
 * within an attempt, a report that arrives late never moves the count back.
 */
export function laterProgress(current: AuditJobProgress | null, next: AuditJobProgress): AuditJobProgress {
  if (current === null || next.attempt > current.attempt) return next;
  if (next.attempt < current.attempt || next.done < current.done) return current;
  return next;
}
