import { MockActivityEnvironment } from '@temporalio/testing';
import {
  createBatchMembersActivities,
  type BatchMembersPage,
  type ReadBatchMembersInput,
} from '../../../activities/batch-members.activities';
import { batchDecider, type BatchEvent } from '../../../domain/batch';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { openPgliteEventStore } from '../../../infra/event-store/pglite/pglite-event-store';
import { storeWithAppend } from '../../../infra/event-store/store-with-append';
import { testEvent } from '../event-store/test-events';

const APPLICANTS = 5;
/** Small pages, so that a take-over of five applicants (eleven events, so eleven ids) reads six of them. */
const LIMIT = 2;
const OPENED_AT = '2017-03-01T00:00:00.000Z';

const applicationOf = (index: number): BatchEvent => ({
  type: 'ApplicationReceived',
  data: {
    townId: `town-${index}`,
    name: `镇 ${index}`,
    county: '湘东区',
    kind: 'administrative-town',
    industry: 'new-energy',
    appliedAt: OPENED_AT,
  },
});

const batchEvents = (applicants: number): BatchEvent[] => [
  {
    type: 'BatchOpened',
    data: {
      batchId: '2017',
      opensAt: OPENED_AT,
      closesAt: OPENED_AT,
      listDueAt: OPENED_AT,
      priorListedByCounty: {},
    },
  },
  ...Array.from({ length: applicants }, (_, index) => applicationOf(index)),
  ...Array.from({ length: applicants }, (_, index): BatchEvent => ({
    type: 'DefenceScored',
    data: { townId: `town-${index}`, scores: {}, weights: {}, weightedScore: 60 + index },
  })),
];

/**
 * Issue 13 (decision 0097): a run taking over reads its members a page a call, and every call used to
 * fold the stream from its start through the carried version again. The pages of one take-over now come
 * from one fold. The store is a real one (PGlite), its reads counted; the activity runs in the SDK's
 * activity context, which only gives it heartbeats and a cancellation signal.
 */
describe('a take-over folds its stream once, not once per page', () => {
  let store: EventStore;
  let reads = 0;
  const stream = batchDecider.streamOf('take-over-folds-once', '2017', 'unambiguous');
  const activity = new MockActivityEnvironment();

  beforeAll(async () => {
    const pglite = await openPgliteEventStore();
    store = {
      ...storeWithAppend(pglite, (...args) => pglite.append(...args)),
      readStream: (name, options) => {
        reads += 1;
        return pglite.readStream(name, options);
      },
    };
    const events = batchEvents(APPLICANTS).map(({ type, data }) => testEvent({ type, data }));
    await store.append(stream, events, 'no_stream');
  });

  afterAll(() => store.close());

  /** Every page of a take-over through `throughVersion`, read as the workflow reads them. */
  async function takeOver(
    activities: ReturnType<typeof createBatchMembersActivities>,
    throughVersion: number,
  ): Promise<BatchMembersPage[]> {
    const read = activities.readBatchMembers;
    const pages: BatchMembersPage[] = [];
    for (let offset = 0; ; offset += LIMIT) {
      const page = await activity.run<[ReadBatchMembersInput], BatchMembersPage, typeof read>(read, {
        stream,
        throughVersion,
        offset,
        limit: LIMIT,
      });
      pages.push(page);
      if (Object.values(page).every((list) => list.length < LIMIT)) return pages;
    }
  }

  it('reads the stream once for all the pages, and the pages hold every member', async () => {
    const activities = createBatchMembersActivities(store);
    const throughVersion = 2 * APPLICANTS;
    reads = 0;
    const pages = await takeOver(activities, throughVersion);

    expect(pages).toHaveLength(6);
    // Eleven events are one read of the store: one fold, where each page used to fold them again.
    expect(reads).toBe(1);
    const applications = pages.flatMap((page) => page.applications.map((application) => application.townId));
    expect(applications).toEqual(['town-0', 'town-1', 'town-2', 'town-3', 'town-4']);
    expect(pages.flatMap((page) => page.scores.map(([townId]) => townId))).toEqual(applications);
    expect(pages.flatMap((page) => page.eventIds)).toHaveLength(throughVersion + 1);
  });

  it('keeps no fold past the last page, and folds a later version anew', async () => {
    const activities = createBatchMembersActivities(store);
    const throughVersion = 2 * APPLICANTS;
    await takeOver(activities, throughVersion);

    reads = 0;
    await takeOver(activities, throughVersion);
    expect(reads).toBe(1);

    const later = applicationOf(APPLICANTS);
    await store.append(stream, [testEvent({ type: later.type, data: later.data })], throughVersion);
    reads = 0;
    const pages = await takeOver(activities, throughVersion + 1);
    expect(reads).toBe(1);
    expect(pages.flatMap((page) => page.applications)).toHaveLength(APPLICANTS + 1);
  });
});
