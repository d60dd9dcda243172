/**
 * A batch's take-over reads (`npm run bench:take-over [-- --applicants 10000 --rounds 3]`): a batch whose N
 * applicants every one applied, was scored and is listed (its list recorded in pages) is written to an
 * in-memory PGlite store; then the reads a run continued as new makes to get its members back
 * (`readBatchMembers`, 1,000 entries of each list a call, until every list comes back short) are timed
 * two ways: folding the stream again for every page, as the activity did before, and folding it once per
 * take-over, as it does now (activities/members-in-pages.ts). The median of a few rounds of each,
 * alternated so that the machine's load falls on both alike.
 */
import { cpus, loadavg } from 'node:os';
import { batchMembersPages, type BatchMembersPage } from '../activities/batch-members.activities';
import type { MembersPageInput } from '../activities/state-through-version';
import { batchDecider, batchMembersOf, nextListPage, type BatchEvent } from '../domain/batch';
import type { EventStore } from '../infra/event-store/event-store.port';
import { openPgliteEventStore } from '../infra/event-store/pglite/pglite-event-store';
import { LIST_PAGE_TOWNS } from '../workflows/batch/batch-list-pages';
import { BATCH_MEMBERS_READ_PAGE } from '../workflows/batch/batch-members';
import { benchPack } from './lifecycle/bench-pack';
import { appliedBatchEvents } from './scale/batch-list-payloads';

const NOW = '2017-03-01T00:00:00.000Z';
const APPEND_CHUNK = 500;
const STREAM = 'batch-bench/take-over';

const USAGE = 'usage: bench:take-over [--applicants 10000] [--rounds 3]';

function parseOptions(argv: readonly string[]): { applicants: number; rounds: number } {
  const options = { applicants: 10_000, rounds: 3 };
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], Number(argv[index + 1])];
    if (!Number.isInteger(value) || value < 1) throw new Error(USAGE);
    if (name === '--applicants') options.applicants = value;
    else if (name === '--rounds') options.rounds = value;
    else throw new Error(USAGE);
  }
  return options;
}

/** The batch's events once its list is recorded: opened, applications, scores, the list's pages, closed. */
function listedBatchEvents(applicants: number): BatchEvent[] {
  const townIdOf = (index: number) => `town-${String(index).padStart(6, '0')}`;
  const events = appliedBatchEvents('2017', applicants, townIdOf, NOW);
  const ctx = { now: NOW, actor: { userId: 'secretary', seat: 'joint-meeting-secretary' } as const };
  const decide = { ...ctx, policy: benchPack(applicants), commandId: 'bench' };
  let state = events.reduce(batchDecider.evolve, batchDecider.initialState);
  const listed = batchMembersOf(state).applications.map((application) => application.townId);
  for (let page = nextListPage(state, listed, LIST_PAGE_TOWNS); page;) {
    const decided = batchDecider.decide(page, state, decide);
    events.push(...decided);
    state = decided.reduce(batchDecider.evolve, state);
    page = nextListPage(state, listed, LIST_PAGE_TOWNS);
  }
  const pages = state.listPages?.pages ?? 0;
  events.push(
    ...batchDecider.decide({ type: 'CloseList', data: { pages, towns: applicants } }, state, decide),
  );
  return events;
}

async function written(store: EventStore, events: readonly BatchEvent[]): Promise<number> {
  for (let start = 0; start < events.length; start += APPEND_CHUNK) {
    const chunk = events.slice(start, start + APPEND_CHUNK).map((event, index) => ({
      id: `00000000-0000-4000-8000-${(start + index).toString(16).padStart(12, '0')}`,
      type: event.type,
      data: event.data,
      metadata: { actor: { userId: 'bench', seat: 'system' }, causationId: 'bench', correlationId: 'bench' },
      occurredAt: NOW,
    }));
    await store.append(STREAM, chunk, start === 0 ? 'no_stream' : start - 1);
  }
  return events.length - 1;
}

/** Every page of one take-over, the reader given by `readerFor` for each page; the pages read. */
async function takeOver(
  readerFor: () => (input: MembersPageInput) => Promise<BatchMembersPage>,
  throughVersion: number,
): Promise<number> {
  for (let offset = 0, pages = 1; ; offset += BATCH_MEMBERS_READ_PAGE, pages += 1) {
    const page = await readerFor()({
      stream: STREAM,
      throughVersion,
      offset,
      limit: BATCH_MEMBERS_READ_PAGE,
    });
    if (Object.values(page).every((list: readonly unknown[]) => list.length < BATCH_MEMBERS_READ_PAGE))
      return pages;
  }
}

async function seconds(round: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await round();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { applicants, rounds } = parseOptions(process.argv.slice(2));
  const store = await openPgliteEventStore();
  try {
    const events = listedBatchEvents(applicants);
    const throughVersion = await written(store, events);
    // Before: every page folded the stream again, as a reader that keeps nothing between pages does.
    const perPage = () => takeOver(() => batchMembersPages(store), throughVersion);
    const once = () => {
      const reader = batchMembersPages(store);
      return takeOver(() => reader, throughVersion);
    };
    const pages = await once();
    const before: number[] = [];
    const after: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      before.push(await seconds(perPage));
      after.push(await seconds(once));
    }
    const [load1] = loadavg();
    console.log(
      [
        `| applicants | events | pages | folded every page (s) | folded once (s) | ratio |`,
        `| ---: | ---: | ---: | ---: | ---: | ---: |`,
        `| ${applicants.toLocaleString('en')} | ${events.length.toLocaleString('en')} | ${pages} | ${median(before).toFixed(2)} | ${median(after).toFixed(2)} | ${(median(before) / median(after)).toFixed(1)} |`,
        '',
        `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${load1?.toFixed(1)}; medians of ${rounds} rounds (before: ${before.map((s) => s.toFixed(2)).join(', ')}; after: ${after.map((s) => s.toFixed(2)).join(', ')})`,
      ].join('\n'),
    );
  } finally {
    await store.close();
  }
}

void main();
