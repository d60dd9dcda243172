import { batchDecider, type ListPageRecorded } from '../../../domain/batch';
import { programmeDecider, type BatchListPageRecorded } from '../../../domain/programme';
import { townDecider } from '../../../domain/town';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { startTimeSkippingWorld, type TimeSkippingWorld } from '../../../apps/simulate/time-skipping-world';
import { metaFor, seatHolders } from '../../../apps/simulate/programme-officials';
import { decideListUpdate } from '../../../workflows/batch/batch.messages';
import { testTemporal } from '../../helpers/test-env';
import { ProgrammeReadModels } from '../../../apps/api/read-models/read-models';
import { programmeStateIn } from '../../helpers/programme-officials';
import {
  A1,
  A2,
  batch2017,
  E1,
  L1,
  pingxiangScenario,
  pingxiangUpToFirstPlans,
  S1,
  W1,
  X1,
} from '../../helpers/pingxiang-scenario';

const PROGRAMME = 'list-in-pages';
const LISTED = [A1, A2, X1, L1, S1, E1, W1].map((town) => town.townId);

const dataOf = <T>(events: readonly RecordedEvent[], type: string): T[] =>
  events.filter((event) => event.type === type).map((event) => event.data as T);

/**
 * Issue 14, item 5 (decision 0069): a batch's list is recorded a page of applicants at a time and
 * closed; the programme hears its counts and hash, reads the towns from the batch's stream a page at a
 * time and records them in pages; the towns learn their outcomes and the read models fold it all.
 */
describe('a batch list recorded in pages of two', () => {
  let world: TimeSkippingWorld;

  beforeAll(async () => {
    ({ world } = await pingxiangUpToFirstPlans(PROGRAMME, undefined, { listPageTowns: 2 }));
  });

  afterAll(async () => {
    await world?.close();
  });

  it("records the batch's list in pages, closes it and publishes it by count and hash", async () => {
    const batch = await world.store.readStream(batchDecider.streamOf(PROGRAMME, '2017', 'unambiguous'));
    const types = batch.map((event) => event.type);
    expect(types).not.toContain('ListDecided');
    expect(types).not.toContain('ListPublished');
    const pages = dataOf<ListPageRecorded['data']>(batch, 'ListPageRecorded');
    expect(pages.map((page) => page.page)).toEqual([0, 1, 2, 3]);
    expect(pages.every((page) => page.listed.length + page.notListed.length <= 2)).toBe(true);
    expect(pages.flatMap((page) => page.listed.map((town) => town.townId)).sort()).toEqual(
      [...LISTED].sort(),
    );
    expect(pages.flatMap((page) => page.notListed.map((town) => town.townId))).toEqual(
      batch2017.map((town) => town.townId).filter((townId) => !LISTED.includes(townId)),
    );
    const [closed] = dataOf<{ pages: number; towns: number; listed: number; pagesDigest: string }>(
      batch,
      'ListClosed',
    );
    const [published] = dataOf<{ pages: number; listed: number; pagesDigest: string }>(
      batch,
      'ListPagesPublished',
    );
    expect(closed).toMatchObject({ pages: 4, towns: batch2017.length, listed: LISTED.length });
    expect(published).toMatchObject({ pages: 4, listed: LISTED.length, pagesDigest: closed?.pagesDigest });
  });

  it('has the programme read the towns from the batch and record them in pages, then close the list', async () => {
    const programme = await world.store.readStream(programmeDecider.streamOf(PROGRAMME));
    const types = programme.map((event) => event.type);
    expect(types).not.toContain('BatchListRecorded');
    const pages = dataOf<BatchListPageRecorded['data']>(programme, 'BatchListPageRecorded');
    expect(pages.map((page) => page.listed.length)).toEqual([2, 2, 2, 1]);
    expect(dataOf(programme, 'BatchListClosed')).toEqual([
      {
        batchId: '2017',
        pages: 4,
        towns: LISTED.length,
        batchPagesDigest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    const state = await programmeStateIn(world.store, PROGRAMME);
    expect(state.listedTowns.map((town) => town.townId).sort()).toEqual([...LISTED].sort());
    expect(state.batches.find((batch) => batch.batchId === '2017')?.status).toBe('listed');
  });

  it('tells every applicant its outcome', async () => {
    for (const { townId } of batch2017) {
      const town = await world.store.readStream(townDecider.streamOf(townId));
      const selection = town.find((event) => event.type === 'TownListed' || event.type === 'TownNotListed');
      expect([townId, selection?.type]).toEqual([
        townId,
        LISTED.includes(townId) ? 'TownListed' : 'TownNotListed',
      ]);
    }
  });

  it('is folded by the read models as the batch and the programme fold it', async () => {
    const models = new ProgrammeReadModels();
    for (let after = 0n; ;) {
      const page = await world.store.readAll({ after, maxCount: 500 });
      for (const event of page) models.apply(event);
      const last = page.at(-1);
      if (!last) break;
      after = last.globalPosition;
    }
    const batch = models.batches().find((record) => record.stream.endsWith('/2017'))?.state;
    expect(batch?.status).toBe('published');
    expect(batch?.listed.map((town) => town.townId).sort()).toEqual([...LISTED].sort());
    const programme = models
      .programmes()
      .find((record) => record.stream === programmeDecider.streamOf(PROGRAMME));
    expect(programme?.state.listedTowns.map((town) => town.townId).sort()).toEqual([...LISTED].sort());
  });
});

/**
 * The same decision sent again (a retry with the same Idempotency-Key) once all its pages are recorded:
 * answered with every step it recorded, and nothing recorded again (decision 0060's promise, kept for
 * a step recorded in parts).
 */
describe('a paged list decision sent again', () => {
  let world: TimeSkippingWorld;
  const programmeId = `${PROGRAMME}-again`;

  beforeAll(async () => {
    world = await startTimeSkippingWorld({ workflowBundlePath: testTemporal().workflowBundlePath });
    const scenario = pingxiangScenario(world, programmeId, undefined, { listPageTowns: 3 });
    await scenario.start();
    await scenario.applyFirstBatch();
    await scenario.defendFirstBatch();
  });

  afterAll(async () => {
    await world?.close();
  });

  it('is answered with the pages and the close it recorded, and records nothing more', async () => {
    const stream = batchDecider.streamOf(programmeId, '2017', 'unambiguous');
    const handle = world.client.workflow.getHandle(stream);
    const request = { data: { listed: LISTED }, meta: metaFor(seatHolders.secretary) };
    const first = await handle.executeUpdate(decideListUpdate, { args: [request] });
    expect(first.eventTypes).toEqual([
      'ListPageRecorded',
      'ListPageRecorded',
      'ListPageRecorded',
      'ListClosed',
    ]);
    const recorded = await world.store.readStream(stream);
    const again = await handle.executeUpdate(decideListUpdate, { args: [request] });
    expect(again).toEqual(first);
    expect(await world.store.readStream(stream)).toHaveLength(recorded.length);
    // A new decision (another key) is refused: the list is decided.
    const another = handle.executeUpdate(decideListUpdate, {
      args: [{ data: { listed: LISTED }, meta: metaFor(seatHolders.secretary) }],
    });
    await expect(another).rejects.toThrow();
  });
});
