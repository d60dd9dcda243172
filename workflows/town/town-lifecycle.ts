/**
 * What the town workflow reads off its state and its events: when its life is over, and which facts
 * its programme must hear about.
 */
import type { TownEvent, TownState } from '../../domain/town';
import type { TownReport } from './town.messages';

/**
 * Nothing can happen to the town any more: not listed, closed after final acceptance, or exited with
 * its support ended (every step after that is refused by the decider).
 */
export function isTownFinished(state: TownState): boolean {
  return (
    state.status === 'not-listed' ||
    state.status === 'closed' ||
    (state.status === 'exited' && state.exit?.supportEnded === true)
  );
}

/**
 * Ratings feed the programme's recommendation rounds; exits take the town out of its later rounds, and
 * so does the province's listing.
 */
export function reportsOf(townId: string, events: readonly TownEvent[]): TownReport[] {
  return events.flatMap((event): TownReport[] => {
    if (event.type === 'TownRated') {
      const { year, rating, score } = event.data;
      return [{ kind: 'rated', townId, year, rating, score }];
    }
    if (event.type === 'TownExited')
      return [{ kind: 'exited', townId, supportEndsAt: event.data.supportEndsAt }];
    if (event.type === 'ProvincialDecisionRecorded' && event.data.listed) {
      return [{ kind: 'listed-by-province', townId }];
    }
    return [];
  });
}
