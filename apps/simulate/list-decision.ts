import type { BatchState } from '../../domain/batch';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';

/**
 * The joint meeting's synthetic list (§IV.1): applicants whose weighted defence score reaches the
 * threshold, best first (ties by town id, so the list never depends on arrival order), as long as the
 * county's programme-wide quota and the batch's size limit leave room.
 */
export function chooseList(policy: PolicyPack, batch: BatchState, threshold: number): string[] {
  const counts = new Map<string, number>(
    Object.entries(batch.priorListedByCounty).map(([county, towns]) => [county, towns.length]),
  );
  const ranked = batch.applications
    .map((application) => ({
      townId: application.townId,
      county: application.county,
      score: batch.scores[application.townId]?.weightedScore ?? 0,
    }))
    .filter((candidate) => candidate.score >= threshold)
    .sort((a, b) => b.score - a.score || a.townId.localeCompare(b.townId));
  const { maxListedPerBatch } = policy.selection;
  const listed: string[] = [];
  for (const candidate of ranked) {
    if (maxListedPerBatch !== null && listed.length >= maxListedPerBatch) break;
    const count = counts.get(candidate.county) ?? 0;
    if (count >= policy.quota.maxTownsPerCounty) continue;
    counts.set(candidate.county, count + 1);
    listed.push(candidate.townId);
  }
  return listed;
}
