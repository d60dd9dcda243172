/**
 * The programme's decisions as one CSV per kind, from the events that record them
 * (domain/town/town.events.ts, domain/programme/programme.events.ts). Each row names the event it comes
 * from (position, id, chain hash), so a spreadsheet row can be traced back to the verified log.
 */
import type { RecordedEvent } from '../shared/event-envelope';
import { townDecider } from '../town';
import { type CsvValue, toCsv } from './csv';

export type DecisionKind = 'ratings' | 'rewards' | 'exits' | 'recommendations' | 'acceptance';

export const DECISION_KINDS: readonly DecisionKind[] = [
  'ratings',
  'rewards',
  'exits',
  'recommendations',
  'acceptance',
];

/** Which event types each kind is made of. */
export const DECISION_EVENT_TYPES: Readonly<Record<DecisionKind, readonly string[]>> = {
  ratings: ['TownRated'],
  rewards: ['RewardDue', 'RewardPaid', 'RewardForfeited', 'RewardNotEarned'],
  exits: ['TownExited', 'TownSupportEnded'],
  recommendations: [
    'ProvincialRecommendationsDecided',
    // A round recorded in pages (decision 0066): one row per town of each page, as for a whole round.
    'ProvincialRankingPageRecorded',
    'TownRecommendedToProvince',
    'TownNotRecommendedToProvince',
  ],
  acceptance: [
    'FinalAcceptanceStarted',
    'SiteInspected',
    'AcceptanceOpinionFormed',
    'AcceptanceDeliberated',
    'TownClosed',
  ],
};

type Row = Record<string, CsvValue>;

const LEADING = ['position', 'occurredAt', 'recordedAt', 'event', 'townId', 'townName', 'county'] as const;
const TRAILING = ['actor', 'seat', 'policyId', 'policyVersion', 'eventId', 'chainHash'] as const;

const DETAIL_COLUMNS: Readonly<Record<DecisionKind, readonly string[]>> = {
  ratings: [
    'year',
    'rating',
    'score',
    'basis',
    'assessment',
    'landSupportYear',
    'provincialCandidate',
    'consequence',
  ],
  rewards: ['reward', 'amountYuan', 'paymentRef', 'reason'],
  exits: ['reason', 'year', 'exitedAt', 'supportEndsAt', 'landSupportYears'],
  recommendations: [
    'reviewYear',
    'outcome',
    'rank',
    'reason',
    'rating',
    'eligible',
    'consecutiveEligibleYears',
    'totalEligibleYears',
    'rankingScore',
  ],
  acceptance: [
    'startedAt',
    'reviewsHeld',
    'unit',
    'satisfactory',
    'findings',
    'inspectorId',
    'recommendation',
    'opinion',
    'inspectingUnits',
    'accepted',
    'minutesRef',
    'outcome',
  ],
};

export function decisionColumns(kind: DecisionKind): string[] {
  return [...LEADING, ...DETAIL_COLUMNS[kind], ...TRAILING];
}

interface TownName {
  readonly name: string;
  readonly county: string;
}

/** Collects decision rows while reading the log in global order. */
export class DecisionExport {
  private readonly rows = new Map<DecisionKind, Row[]>(DECISION_KINDS.map((kind) => [kind, []]));
  /** From each town's TownApplied, which comes before any decision about it. */
  private readonly names = new Map<string, TownName>();
  private readonly kindOfType = new Map<string, DecisionKind>(
    DECISION_KINDS.flatMap((kind) => DECISION_EVENT_TYPES[kind].map((type) => [type, kind] as const)),
  );

  add(event: RecordedEvent): void {
    if (event.type === 'TownApplied') {
      const data = fieldsOf(event.data);
      const townId = text(data.townId);
      if (townId !== undefined) {
        this.names.set(townId, {
          name: text(data.name) ?? '',
          county: text(data.countyNameZh) ?? text(data.county) ?? '',
        });
      }
      return;
    }
    const kind = this.kindOfType.get(event.type);
    if (kind === undefined) return;
    const rows = this.rows.get(kind)!;
    if (event.type === 'ProvincialRecommendationsDecided' || event.type === 'ProvincialRankingPageRecorded') {
      rows.push(...this.recommendationRows(event));
    } else {
      rows.push(this.row(event, townDecider.recognises(event.stream), cells(event.data)));
    }
  }

  csv(kind: DecisionKind): string {
    return toCsv(decisionColumns(kind), this.rows.get(kind) ?? []);
  }

  count(kind: DecisionKind): number {
    return this.rows.get(kind)?.length ?? 0;
  }

  private row(event: RecordedEvent, townId: string | undefined, details: Row): Row {
    const town = townId === undefined ? undefined : this.names.get(townId);
    const { metadata } = event;
    return {
      position: event.globalPosition.toString(),
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      event: event.type,
      townId,
      townName: town?.name,
      county: town?.county,
      ...details,
      actor: metadata.actor.userId,
      seat: metadata.actor.seat,
      policyId: metadata.policy?.id,
      policyVersion: metadata.policy?.version,
      eventId: event.id,
      chainHash: 'chainHash' in event && typeof event.chainHash === 'string' ? event.chainHash : undefined,
    };
  }

  /** One programme decision, one row per town it decided about, with the ranking inputs it used. */
  private recommendationRows(event: RecordedEvent): Row[] {
    const data = fieldsOf(event.data);
    const reviewYear = numberOrUndefined(data.reviewYear);
    const ranking = new Map(
      listOf(data.ranking).map((candidate) => [text(fieldsOf(candidate).townId) ?? '', cells(candidate)]),
    );
    const inputs = (townId: string): Row => {
      const candidate = ranking.get(townId) ?? {};
      return {
        rating: candidate.rating,
        eligible: candidate.eligible,
        consecutiveEligibleYears: candidate.consecutiveEligibleYears,
        totalEligibleYears: candidate.totalEligibleYears,
        rankingScore: candidate.score,
      };
    };
    const recommended = listOf(data.recommended).map((entry) => {
      const fields = fieldsOf(entry);
      const townId = text(fields.townId) ?? '';
      return this.row(event, townId, {
        reviewYear,
        outcome: 'recommended',
        rank: numberOrUndefined(fields.rank),
        ...inputs(townId),
      });
    });
    const notRecommended = listOf(data.notRecommended).map((entry) => {
      const fields = fieldsOf(entry);
      const townId = text(fields.townId) ?? '';
      return this.row(event, townId, {
        reviewYear,
        outcome: 'not-recommended',
        reason: text(fields.reason),
        ...inputs(townId),
      });
    });
    return [...recommended, ...notRecommended];
  }
}

/*
 * Event data is read defensively: a CSV export must list whatever the log holds, including events written
 * by older versions whose shapes differ, rather than fail on one of them.
 */
function fieldsOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Every field as a cell: lists joined with "; ", anything nested as JSON. */
function cells(data: unknown): Row {
  const row: Row = {};
  for (const [key, value] of Object.entries(fieldsOf(data))) row[key] = cellValue(value);
  return row;
}

function cellValue(value: unknown): CsvValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return value.map(String).join('; ');
  }
  return JSON.stringify(value);
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
