import { createHash } from 'node:crypto';
import type { ProvincialRecommendationsDecided } from '../../../domain/programme';
import type { EventMetadata, NewEvent } from '../../../domain/shared/event-envelope';
import type {
  LandSupportGranted,
  ProgressCheckPassed,
  RewardDue,
  RewardForfeited,
  RewardPaid,
  TownApplied,
  TownEvent,
  TownExited,
  TownListed,
  TownRated,
  TownRecommendedToProvince,
} from '../../../domain/town';

/** Deterministic UUID-shaped ids, so that histories can be rebuilt identically. */
function idOf(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const metadata = (seat: string, county?: string): EventMetadata => ({
  actor: { userId: `${seat}-1`, seat, ...(county === undefined ? {} : { county }) },
  causationId: 'command',
  correlationId: 'request',
  policy: { id: 'pingxiang-2017', version: 'sha256:test' },
});

function envelope(townId: string, events: readonly (readonly [TownEvent, string])[]): NewEvent[] {
  return events.map(([event, occurredAt], index) => ({
    id: idOf(`${townId}/${index}`),
    type: event.type,
    data: event.data,
    metadata: metadata('county-official', 'luxi'),
    occurredAt,
  }));
}

/**
 * A listed town's life from application on (data shaped as domain/town/town.events.ts has it): paid
 * its listing reward, rated 良好 for 2018 with land support for 2019; then either passes its progress
 * check and is recommended to the province, or is rated 不合格 for 2019 and exits.
 */
export function townHistory(townId: string, name: string, ending: 'recommended' | 'exited'): NewEvent[] {
  const applied: TownApplied = {
    type: 'TownApplied',
    data: {
      townId,
      batchId: '2017',
      name,
      county: 'luxi',
      countyNameZh: '芦溪县',
      kind: 'administrative-town',
      industry: 'leisure-tourism',
      appliedAt: '2017-03-10T02:00:00.000Z',
    },
  };
  const listed: TownListed = {
    type: 'TownListed',
    data: {
      batchId: '2017',
      publishedAt: '2017-06-30T02:00:00.000Z',
      weightedScore: 88.5,
      schedule: {
        planDueAt: '2017-09-30T15:59:59.999Z',
        progressCheckDueAt: '2019-06-30T15:59:59.999Z',
        reviews: [
          { year: 2018, opensAt: '2019-01-01T00:00:00.000Z', statisticsDueAt: '2019-01-31T15:59:59.999Z' },
          { year: 2019, opensAt: '2020-01-01T00:00:00.000Z', statisticsDueAt: '2020-01-31T15:59:59.999Z' },
        ],
        finalAcceptanceStartsAt: '2021-01-01T00:00:00.000Z',
      },
      rewards: [
        { reward: 'listing', amountYuan: 500_000, trigger: 'listed' },
        { reward: 'progress', amountYuan: 1_000_000, trigger: 'progress-check-passed' },
      ],
    },
  };
  const listingDue: RewardDue = { type: 'RewardDue', data: { reward: 'listing', amountYuan: 500_000 } };
  const listingPaid: RewardPaid = {
    type: 'RewardPaid',
    data: { reward: 'listing', amountYuan: 500_000, paymentRef: `PAY-${townId}-1` },
  };
  const rated2018: TownRated = {
    type: 'TownRated',
    data: {
      year: 2018,
      rating: '良好',
      score: 82,
      basis: 'assessment',
      assessment: '产业特色鲜明, "稳步推进"',
      landSupportYear: 2019,
      provincialCandidate: true,
      consequence: 'continue',
    },
  };
  const land: LandSupportGranted = { type: 'LandSupportGranted', data: { year: 2019 } };
  const common: (readonly [TownEvent, string])[] = [
    [applied, '2017-03-10T02:00:00.000Z'],
    [listed, '2017-06-30T02:00:00.000Z'],
    [listingDue, '2017-06-30T02:00:00.000Z'],
    [listingPaid, '2017-08-01T02:00:00.000Z'],
    [rated2018, '2019-01-20T02:00:00.000Z'],
    [land, '2019-03-01T02:00:00.000Z'],
  ];
  if (ending === 'recommended') {
    const passed: ProgressCheckPassed = { type: 'ProgressCheckPassed', data: { findings: '按期推进' } };
    const progressDue: RewardDue = { type: 'RewardDue', data: { reward: 'progress', amountYuan: 1_000_000 } };
    const recommended: TownRecommendedToProvince = {
      type: 'TownRecommendedToProvince',
      data: { reviewYear: 2018, rank: 1 },
    };
    return envelope(townId, [
      ...common,
      [passed, '2019-06-01T02:00:00.000Z'],
      [progressDue, '2019-06-01T02:00:00.000Z'],
      [recommended, '2019-02-15T02:00:00.000Z'],
    ]);
  }
  const rated2019: TownRated = {
    type: 'TownRated',
    data: {
      year: 2019,
      rating: '不合格',
      score: 51,
      basis: 'assessment',
      assessment: '=进展滞后',
      landSupportYear: null,
      provincialCandidate: false,
      consequence: 'exit',
    },
  };
  const exited: TownExited = {
    type: 'TownExited',
    data: {
      reason: 'rating',
      year: 2019,
      exitedAt: '2020-01-20T02:00:00.000Z',
      supportEndsAt: '2020-12-31T15:59:59.999Z',
    },
  };
  const forfeited: RewardForfeited = {
    type: 'RewardForfeited',
    data: { reward: 'progress', amountYuan: 1_000_000, reason: 'town-exited' },
  };
  return envelope(townId, [
    ...common,
    [rated2019, '2020-01-20T02:00:00.000Z'],
    [exited, '2020-01-20T02:00:00.000Z'],
    [forfeited, '2020-01-20T02:00:00.000Z'],
  ]);
}

/** The programme's provincial recommendation for 2018 over the given towns (the first recommended). */
export function recommendationDecision(townIds: readonly string[]): NewEvent {
  const decided: ProvincialRecommendationsDecided = {
    type: 'ProvincialRecommendationsDecided',
    data: {
      reviewYear: 2018,
      ranking: townIds.map((townId, index) => ({
        townId,
        rating: '良好',
        eligible: index === 0,
        consecutiveEligibleYears: index === 0 ? 1 : 0,
        totalEligibleYears: index === 0 ? 1 : 0,
        score: 82 - index,
      })),
      recommended: townIds.slice(0, 1).map((townId) => ({ townId, rank: 1 })),
      notRecommended: townIds.slice(1).map((townId) => ({ townId, reason: 'not-eligible' as const })),
      totalRecommended: 1,
      targetMet: false,
    },
  };
  return {
    id: idOf(`programme/${townIds.join(',')}`),
    type: decided.type,
    data: decided.data,
    metadata: metadata('joint-meeting-office'),
    occurredAt: '2019-02-15T02:00:00.000Z',
  };
}
