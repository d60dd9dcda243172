/**
 * A batch's list at N applicants, every one listed, worked out with the batch's and the programme's own
 * deciders: the list decided in one step (its append, the signal to the programme, the programme's
 * append) before decision 0069, and recorded in pages now (the largest page's append, the close, the
 * signal, one read of the listed towns and the programme's largest page). JSON sizes, as Temporal's
 * default converter encodes them.
 */
import {
  batchDecider,
  nextListPage,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
} from '../../domain/batch';
import { programmeDecider, type ProgrammeCommand, type ProgrammeState } from '../../domain/programme';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { LIST_PAGE_TOWNS } from '../../workflows/batch/batch-list-pages';
import { BENCH_COUNTIES } from '../lifecycle/bench-pack';
import { batchHandOverPayloads } from './batch-hand-over-payloads';

const SECRETARY = { userId: 'secretary', seat: 'joint-meeting-secretary' } as const;
const SYSTEM = { userId: 'batch', seat: 'system' } as const;
const bytesOf = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** An append's activity input: the events, the first carrying its command in its metadata. */
const appendOf = (command: unknown, events: readonly unknown[]): number =>
  bytesOf({
    events: events.map((event, index) =>
      index === 0 ? { ...(event as object), metadata: { command } } : event,
    ),
  });

/** A batch opened, N towns' applications, the window closed and every applicant scored: its events. */
export function appliedBatchEvents(
  batchId: string,
  towns: number,
  townIdOf: (index: number) => string,
  now: string,
): BatchEvent[] {
  const county = (index: number) => `county-${String((index % BENCH_COUNTIES) + 1).padStart(3, '0')}`;
  return [
    {
      type: 'BatchOpened',
      data: { batchId, opensAt: now, closesAt: now, listDueAt: now, priorListedByCounty: {} },
    },
    ...Array.from({ length: towns }, (_, index): BatchEvent => ({
      type: 'ApplicationReceived',
      data: {
        townId: townIdOf(index),
        name: `town ${index}`,
        county: county(index),
        kind: 'administrative-town',
        industry: 'new-energy',
        appliedAt: now,
      },
    })),
    { type: 'ApplicationWindowClosed', data: { closedAt: now, applications: towns } },
    ...Array.from({ length: towns }, (_, index): BatchEvent => ({
      type: 'DefenceScored',
      data: { townId: townIdOf(index), scores: {}, weights: {}, weightedScore: 60 + (index % 40) },
    })),
  ];
}

export function batchListPayloadsAt(
  policy: PolicyPack,
  programme: ProgrammeState,
  townIdOf: (index: number) => string,
  towns: number,
  now: string,
): Record<string, number> {
  const batchId = programme.batches[0]?.batchId ?? '2017';
  const recorded = appliedBatchEvents(batchId, towns, townIdOf, now);
  let state: BatchState = recorded.reduce(batchDecider.evolve, batchDecider.initialState);
  const ctx = { now, actor: SECRETARY, policy, commandId: 'bench' };
  const listed = Array.from({ length: towns }, (_, index) => townIdOf(index));
  const decide = (command: BatchCommand) => batchDecider.decide(command, state, ctx);

  // Before decision 0069: one step, whose command and event list every applicant.
  const decideList: BatchCommand = { type: 'DecideList', data: { listed } };
  const decided = decide(decideList);
  const whole = decided.reduce(batchDecider.evolve, state);
  const publishedWhole = batchDecider.decide({ type: 'PublishList', data: {} }, whole, ctx);
  const signalWhole = {
    batchId,
    listed: whole.listed.map(({ townId, county }) => ({ townId, county })),
    commandId: 'bench',
    correlationId: 'bench',
  };
  const recordWhole: ProgrammeCommand = { type: 'RecordBatchList', data: signalWhole };
  const programmeWhole = programmeDecider.decide(recordWhole, programme, { ...ctx, actor: SYSTEM });

  // Now: pages of applicants, a close, a publication by count and hash.
  let largestPage = 0;
  for (let page = nextListPage(state, listed, LIST_PAGE_TOWNS); page;) {
    const events = decide(page);
    largestPage = Math.max(largestPage, appendOf(page, events));
    state = events.reduce(batchDecider.evolve, state);
    page = nextListPage(state, listed, LIST_PAGE_TOWNS);
  }
  const pages = state.listPages?.pages ?? 0;
  const close: BatchCommand = { type: 'CloseList', data: { pages, towns } };
  const closed = decide(close);
  state = closed.reduce(batchDecider.evolve, state);
  const published = decide({ type: 'PublishList', data: {} });
  const publication = published[0];
  const signal =
    publication?.type === 'ListPagesPublished'
      ? {
          batchId,
          inPages: { stream: `batch-bench/${batchId}`, ...publication.data },
          commandId: 'bench',
          correlationId: 'bench',
        }
      : {};
  const readPage = state.listed.slice(0, LIST_PAGE_TOWNS).map(({ townId, county }) => ({ townId, county }));
  const programmePage: ProgrammeCommand = {
    type: 'RecordBatchListPage',
    data: { batchId, page: 0, listed: readPage },
  };
  const programmePageEvents = programmeDecider.decide(programmePage, programme, { ...ctx, actor: SYSTEM });
  return {
    'batch list: its append (DecideList → ListDecided), before 0069': appendOf(decideList, decided),
    'batch list: its publication append (ListPublished), before 0069': appendOf(
      { type: 'PublishList', data: {} },
      publishedWhole,
    ),
    'batch list: the signal to the programme, before 0069': bytesOf(signalWhole),
    'batch list: the programme’s append (BatchListRecorded), before 0069': appendOf(
      recordWhole,
      programmeWhole,
    ),
    'batch list: largest page append (ListPageRecorded), now': largestPage,
    'batch list: closing append (ListClosed), now': appendOf(close, closed),
    'batch list: publication append (ListPagesPublished), now': appendOf(
      { type: 'PublishList', data: {} },
      published,
    ),
    'batch list: the signal to the programme, now': bytesOf(signal),
    'batch list: one readBatchListed result, now': bytesOf(readPage),
    'batch list: the programme’s largest page append (BatchListPageRecorded), now': appendOf(
      programmePage,
      programmePageEvents,
    ),
    // Every event the batch appended: the opening, the applications and scores, the pages and the close.
    ...batchHandOverPayloads(policy, state, recorded.length + pages + closed.length),
  };
}
