import { batchRanking, countyPlaces, type BatchState } from '../../../domain/batch';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { BatchApplicantDto, BatchCountyPlacesDto } from './batch-view.dto';

/** The applicants of a batch (already narrowed to what the caller reads) in ranking order, with scores. */
export function batchApplicants(state: BatchState, policy: PolicyPack): BatchApplicantDto[] {
  const listed = new Set(state.listed.map((town) => town.townId));
  const notListed = new Set(state.notListed.map((town) => town.townId));
  return batchRanking(state, policy).map(({ application, ...row }) => {
    const { townId } = application;
    const score = state.scores[townId];
    return {
      townId,
      name: application.name,
      county: application.county,
      kind: application.kind,
      industry: application.industry,
      ...(application.industryDescription ? { industryDescription: application.industryDescription } : {}),
      appliedAt: application.appliedAt,
      scores: score ? { ...score.scores } : null,
      weightedScore: row.weightedScore,
      rank: row.rank,
      ...(row.bar ? { bar: row.bar } : {}),
      declaredConditions: (application.declaredConditions ?? []).map((condition) => condition.code),
      ...(score?.conditions ? { conditions: { ...score.conditions } } : {}),
      outcome: listed.has(townId) ? 'listed' : notListed.has(townId) ? 'not-listed' : 'pending',
    };
  });
}

/** Every county's places, or only the caller's own county's. */
export function batchCountyPlaces(
  state: BatchState,
  policy: PolicyPack,
  county: string | undefined,
): BatchCountyPlacesDto[] {
  return countyPlaces(state, policy)
    .filter((places) => county === undefined || places.county === county)
    .map((places) => ({ ...places }));
}
