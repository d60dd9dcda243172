import type { BatchState } from '../../../domain/batch';
import { countyScopedSeats, type Principal } from '../../../infra/auth/principal';

/**
 * What of a batch a caller may see. A county official reads their own county's towns only (decision
 * 0030), so until the list is published they see their own applications and scores; the published
 * list is public, and every other seat sees the whole batch.
 */
export function batchStateFor(state: BatchState, caller: Principal): BatchState {
  if (!countyScopedSeats.includes(caller.seat) || state.status === 'published') return state;
  const county = caller.county;
  const own = state.applications.filter((application) => application.county === county);
  const ownIds = new Set(own.map((application) => application.townId));
  return {
    ...state,
    applications: own,
    scores: Object.fromEntries(Object.entries(state.scores).filter(([townId]) => ownIds.has(townId))),
    listed: state.listed.filter((town) => town.county === county),
    notListed: state.notListed.filter((town) => town.county === county),
    priorListedByCounty: Object.fromEntries(
      Object.entries(state.priorListedByCounty).filter(([code]) => code === county),
    ),
  };
}
