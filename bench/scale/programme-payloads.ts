/**
 * The programme's payloads at N towns, worked out with its own decider: one batch lists every town,
 * then the yearly reviews and rounds of the pack pass (a third of the towns excellent each year, a
 * tenth of the rest exiting), and at each round the sizes of what the workflow hands Temporal are
 * taken as JSON, as Temporal's default converter encodes them.
 */
import {
  candidatesInRankOrder,
  membersOf,
  programmeDecider,
  summariseMembers,
  withoutMembers,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeState,
  type RecommendationCandidate,
} from '../../domain/programme';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { townDecider } from '../../domain/town';
import { MEMBERS_READ_PAGE } from '../../workflows/programme/programme-members';
import { RANKING_PAGE_TOWNS, RATINGS_READ_PAGE } from '../../workflows/programme/programme-rounds';
import { REPORTED_RATINGS_PAGE } from '../../workflows/programme/programme.messages';
import { benchPack, BENCH_COUNTIES } from '../lifecycle/bench-pack';
import { batchListPayloadsAt } from './batch-list-payloads';

export interface PayloadSizes {
  readonly towns: number;
  readonly reviewYear: number;
  /** Bytes of each payload, by name. */
  readonly bytes: Readonly<Record<string, number>>;
}

const SYSTEM = { userId: 'scheduler', seat: 'system' } as const;
const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const townIdOf = (index: number): string => `00000000-0000-8000-8000-${index.toString(16).padStart(12, '0')}`;

/** What a town reports and what its stream holds: excellent for a third of the towns, by index. */
function ratingOf(index: number, year: number): { rating: string; score: number } {
  const score = 55 + ((index * 7 + year * 13) % 45);
  return { rating: score >= 85 ? 'excellent' : score >= 60 ? 'qualified' : 'unqualified', score };
}

interface RecordedPage {
  readonly command: ProgrammeCommand;
  readonly event: ProgrammeEvent | undefined;
}

/** A round as the workflow records it since decision 0066: pages in rank order, then the close. */
function roundInPages(
  reviewYear: number,
  candidates: readonly RecommendationCandidate[],
  record: (command: ProgrammeCommand) => ProgrammeEvent[],
  policy: PolicyPack,
): { pages: RecordedPage[]; command: ProgrammeCommand } {
  const ordered = candidatesInRankOrder(policy, reviewYear, candidates);
  const pages: RecordedPage[] = [];
  for (let start = 0; start < ordered.length; start += RANKING_PAGE_TOWNS) {
    const command: ProgrammeCommand = {
      type: 'RecordProvincialRankingPage',
      data: { reviewYear, page: pages.length, candidates: ordered.slice(start, start + RANKING_PAGE_TOWNS) },
    };
    pages.push({ command, event: record(command)[0] });
  }
  const command: ProgrammeCommand = {
    type: 'CloseProvincialRound',
    data: { reviewYear, pages: pages.length, towns: ordered.length },
  };
  return { pages, command };
}

/** The outbox's entries one page queues: a relay to each town it ranked that has not exited. */
function relaysOf(event: ProgrammeEvent | undefined): unknown[] {
  if (event?.type !== 'ProvincialRankingPageRecorded') return [];
  const told = [
    ...event.data.recommended,
    ...event.data.notRecommended.filter((town) => town.reason !== 'exited'),
  ];
  return told.map(({ townId }) => ({
    kind: 'relay',
    workflowId: townDecider.streamOf(townId),
    relay: {
      command: {
        type: 'RecordProvincialRecommendation',
        data: { reviewYear: event.data.reviewYear, recommended: false, rank: null, reason: 'not-eligible' },
      },
      from: programmeDecider.streamOf('bench-scale'),
      commandId: townIdOf(0),
      correlationId: 'deadline:provincial-recommendation',
    },
  }));
}

export function programmePayloadsAt(towns: number): PayloadSizes[] {
  const policy: PolicyPack = benchPack(towns);
  let state: ProgrammeState = programmeDecider.initialState;
  const eventIds: string[] = [];
  const largestAppend: Record<string, number> = {};
  const run = (command: ProgrammeCommand, now: string): ProgrammeEvent[] => {
    const events = programmeDecider.decide(command, state, {
      now,
      actor: SYSTEM,
      policy,
      commandId: 'bench',
    });
    const [first] = events;
    // The largest append of each kind of step, as its activity input (the command rides on the first event).
    if (first) {
      const bytes = bytesOf({
        events: events.map((event, index) => (index === 0 ? { ...event, metadata: { command } } : event)),
      });
      largestAppend[first.type] = Math.max(largestAppend[first.type] ?? 0, bytes);
    }
    for (const event of events) {
      state = programmeDecider.evolve(state, event);
      eventIds.push(townIdOf(1_000_000 + eventIds.length));
    }
    return events;
  };
  run({ type: 'StartProgramme', data: { programmeId: 'bench-scale' } }, '2017-01-01T00:00:00+08:00');
  const listed = Array.from({ length: towns }, (_, index) => ({
    townId: townIdOf(index),
    county: `county-${String((index % BENCH_COUNTIES) + 1).padStart(3, '0')}`,
  }));
  const reported: Record<string, Record<string, { rating: string; score: number | null }>> = {};
  const results: PayloadSizes[] = [];
  // The first batch lists every town: its list's payloads, measured once.
  let batchList: Record<string, number> | undefined;
  for (let step = 0; step < 50; step += 1) {
    const next = state.deadlines.find((deadline) => deadline.command.type !== 'SendDeadlineReminder');
    if (!next || next.command.type === 'StartFinalAcceptanceRound') break;
    if (next.command.type === 'OpenProgrammeBatch') {
      run(next.command, next.dueAt);
      batchList ??= batchListPayloadsAt(policy, state, townIdOf, towns, next.dueAt);
      const batchId = next.command.data.batchId;
      run({ type: 'RecordBatchList', data: { batchId, listed } }, next.dueAt);
      continue;
    }
    if (next.command.type !== 'DecideProvincialRecommendations') {
      run(next.command, next.dueAt);
      continue;
    }
    const { reviewYear } = next.command.data;
    listed.forEach(({ townId }, index) => {
      if (state.exitedTowns.includes(townId)) return;
      (reported[townId] ??= {})[String(reviewYear)] = ratingOf(index, reviewYear);
    });
    const candidates: RecommendationCandidate[] = state.listedTowns.map(({ townId }) => ({
      townId,
      ratingsByYear: reported[townId] ?? {},
    }));
    const command: ProgrammeCommand = { ...next.command, data: { reviewYear, candidates } };
    // Before decision 0066: the round as one event, decided on the state as it stands (not applied).
    const [round] = programmeDecider.decide(command, state, {
      now: next.dueAt,
      actor: SYSTEM,
      policy,
      commandId: 'bench',
    });
    // Now: the same round in pages, then closed; the largest page and its append are what count.
    const close = roundInPages(reviewYear, candidates, (page) => run(page, next.dueAt), policy);
    const pages = close.pages;
    const [closed] = run(close.command, next.dueAt);
    const opened = [...eventIds];
    const position = { state, streamVersion: eventIds.length - 1, recordedEventIds: opened };
    const input = { programmeId: 'bench-scale', policy, naming: 'unambiguous' };
    const largest = (values: readonly unknown[]): number => Math.max(0, ...values.map(bytesOf));
    results.push({
      towns,
      reviewYear,
      bytes: {
        'policy pack': bytesOf(policy),
        'programme state': bytesOf(state),
        'recorded event ids': bytesOf(opened),
        'continue-as-new input, before 0063': bytesOf({
          ...input,
          continued: { position, ratings: reported, skipped: [], outbox: [] },
        }),
        'continue-as-new input, after 0063': bytesOf({
          ...input,
          continued: { position, skipped: [], outbox: [] },
        }),
        'continue-as-new input, now': bytesOf({
          ...input,
          continued: {
            position: { ...position, state: withoutMembers(state) },
            members: summariseMembers(membersOf(state)),
            skipped: [],
            outbox: [],
          },
        }),
        // What a continued run reads back, a page of each list at a time.
        'one readProgrammeMembers result, now': bytesOf({
          listedTowns: state.listedTowns.slice(0, MEMBERS_READ_PAGE),
          exitedTowns: state.exitedTowns.slice(0, MEMBERS_READ_PAGE),
          recommended: state.recommended.slice(0, MEMBERS_READ_PAGE),
        }),
        'round: ratings in one signal-fed memory, before 0063': bytesOf(reported),
        'round: one readTownRatings result, now': bytesOf(
          Object.fromEntries(
            candidates
              .slice(0, RATINGS_READ_PAGE)
              .map((candidate) => [candidate.townId, candidate.ratingsByYear]),
          ),
        ),
        'round: one event (ProvincialRecommendationsDecided), before 0066': bytesOf(round),
        // The first event of a step carries its command in its metadata: the append's input holds both.
        'round: its append activity input, before 0066': bytesOf({
          events: [{ ...round, metadata: { command } }],
        }),
        'round: largest page event (ProvincialRankingPageRecorded), now': largest(
          pages.map((page) => page.event),
        ),
        'round: largest page append activity input, now': largest(
          pages.map((page) => ({ events: [{ ...page.event, metadata: { command: page.command } }] })),
        ),
        'round: closing append activity input, now': bytesOf({
          events: [{ ...closed, metadata: { command: close.command } }],
        }),
        'round: relays queued by one page (outbox), now': largest(pages.map((page) => relaysOf(page.event))),
        ...batchList,
        // Not changed yet (decision 0067): a step whose one event lists towns.
        'append: a review cycle opened (ReviewCycleOpened), now': largestAppend.ReviewCycleOpened ?? 0,
        // The view query's result: with the whole state and this run's reports before decision 0068;
        // now the state without its lists, their summary, and the reports a page at a time.
        'programme view query result, before 0068': bytesOf({
          programmeId: 'bench-scale',
          state,
          ratings: reported,
          listedByProvince: [],
        }),
        'programme view query result, now': bytesOf({
          programmeId: 'bench-scale',
          state: withoutMembers(state),
          members: summariseMembers(membersOf(state)),
          reportedRatings: Object.keys(reported).length,
          listedByProvince: [],
        }),
        'one programmeReportedRatings query result, now': bytesOf({
          ratings: Object.fromEntries(Object.entries(reported).slice(0, REPORTED_RATINGS_PAGE)),
          total: Object.keys(reported).length,
        }),
      },
    });
    // A tenth of the towns rated unqualified exit before the next year.
    listed.forEach(({ townId }, index) => {
      if (
        ratingOf(index, reviewYear).rating === 'unqualified' &&
        index % 10 === 0 &&
        !state.exitedTowns.includes(townId)
      )
        run(
          {
            type: 'RecordTownExit',
            data: { townId, supportEndsAt: `${reviewYear + 1}-01-01T00:00:00+08:00` },
          },
          next.dueAt,
        );
    });
  }
  return results;
}
