/**
 * A provincial round as the programme's stream records it: one `ProvincialRecommendationsDecided` for
 * rounds decided before decision 0066, or its pages and the close since. Tests read either the same way.
 */
import type {
  ProvincialRankingPageRecorded,
  ProvincialRecommendationsDecided,
  ProvincialRoundClosed,
} from '../../domain/programme';
import type { RecordedEvent } from '../../domain/shared/event-envelope';

export type RecordedRound = Pick<
  ProvincialRecommendationsDecided['data'],
  | 'reviewYear'
  | 'ranking'
  | 'recommended'
  | 'notRecommended'
  | 'totalRecommended'
  | 'targetMet'
  | 'provincialList'
> & { readonly pages: number };

export function provincialRoundOf(
  events: readonly RecordedEvent[],
  reviewYear: number,
): RecordedRound | undefined {
  const ofYear = events.filter((event) => (event.data as { reviewYear?: number }).reviewYear === reviewYear);
  const whole = ofYear.find((event) => event.type === 'ProvincialRecommendationsDecided');
  if (whole) return { ...(whole.data as ProvincialRecommendationsDecided['data']), pages: 1 };
  const closed = ofYear.find((event) => event.type === 'ProvincialRoundClosed')?.data as
    ProvincialRoundClosed['data'] | undefined;
  if (!closed) return undefined;
  const pages = ofYear
    .filter((event) => event.type === 'ProvincialRankingPageRecorded')
    .map((event) => event.data as ProvincialRankingPageRecorded['data']);
  return {
    reviewYear,
    ranking: pages.flatMap((page) => page.ranking),
    recommended: pages.flatMap((page) => page.recommended),
    notRecommended: pages.flatMap((page) => page.notRecommended),
    totalRecommended: closed.totalRecommended,
    targetMet: closed.targetMet,
    ...(closed.provincialList ? { provincialList: closed.provincialList } : {}),
    pages: closed.pages,
  };
}
