import {
  batchDecider,
  nextListPage,
  type RecordListPage,
  type BatchCommand,
  type BatchEvent,
  type BatchState,
} from '../../../../domain/batch';
import { pingxiang2017 } from '../../../../domain/policy';
import { contextFor, specification } from '../../../helpers/given-when-then';
import { batchOpened, received, scored } from './batch-events.fixtures';

const given = specification(batchDecider);
const secretary = contextFor(pingxiang2017)('2017-04-25T10:00:00+08:00', 'joint-meeting-secretary');

const opened = batchOpened;
const closed: BatchEvent = {
  type: 'ApplicationWindowClosed',
  data: { closedAt: '2017-03-31T15:59:59.999Z', applications: 5 },
};
const defended: BatchEvent[] = [
  opened(),
  received('t-1', 'shangli'),
  received('t-2', 'shangli'),
  received('t-3', 'luxi'),
  received('t-4', 'lianhua'),
  received('t-5', 'luxi'),
  closed,
  scored('t-1', 80),
  scored('t-2', 85.5),
  scored('t-3', 60),
  scored('t-4', 80),
  scored('t-5', 91),
];

const fold = (events: readonly BatchEvent[], from: BatchState = batchDecider.initialState): BatchState =>
  events.reduce(batchDecider.evolve, from);

/** Every page of a decided list, each decided on what the pages before left, as the workflow records them. */
function inPages(
  state: BatchState,
  listed: readonly string[],
  pageTowns: number,
): { state: BatchState; pages: RecordListPage[]; events: BatchEvent[] } {
  const pages: RecordListPage[] = [];
  const events: BatchEvent[] = [];
  for (
    let page = nextListPage(state, listed, pageTowns);
    page;
    page = nextListPage(state, listed, pageTowns)
  ) {
    pages.push(page);
    const recorded = record(state, [page]);
    events.push(...recorded.events);
    state = recorded.state;
  }
  return { state, pages, events };
}

/** Decides and applies each command in turn, as the workflow's steps do. */
function record(
  state: BatchState,
  commands: readonly BatchCommand[],
): { state: BatchState; events: BatchEvent[] } {
  const events: BatchEvent[] = [];
  for (const command of commands) {
    const decided = batchDecider.decide(command, state, secretary);
    events.push(...decided);
    state = fold(decided, state);
  }
  return { state, events };
}

describe('a list recorded in pages (decision 0069)', () => {
  const chosen = ['t-5', 't-2', 't-4', 't-3'];

  it('decides in pages of two what one DecideList decides, then closes and publishes by count and hash', () => {
    const before = fold(defended);
    const whole = record(before, [{ type: 'DecideList', data: { listed: chosen } }]).state;
    const { pages, state: allPages } = inPages(before, chosen, 2);
    expect(pages.map((page) => page.data.towns.map((town) => town.townId))).toEqual([
      ['t-5', 't-2'],
      ['t-1', 't-4'],
      ['t-3'],
    ]);
    const paged = record(allPages, [{ type: 'CloseList', data: { pages: 3, towns: 5 } }]);
    expect(paged.state.status).toBe('list-decided');
    expect(paged.state.listed).toEqual(whole.listed);
    expect(paged.state.notListed).toEqual(whole.notListed);
    const closing = paged.events.at(-1);
    expect(closing).toMatchObject({
      type: 'ListClosed',
      data: { pages: 3, towns: 5, listed: 4, notListed: 1 },
    });
    expect(closing?.type === 'ListClosed' && closing.data.pagesDigest).toMatch(/^[0-9a-f]{64}$/);

    const published = record(paged.state, [{ type: 'PublishList', data: {} }]);
    expect(published.events).toEqual([
      {
        type: 'ListPagesPublished',
        data: {
          publishedAt: '2017-04-25T02:00:00.000Z',
          late: false,
          pages: 3,
          listed: 4,
          notListed: 1,
          pagesDigest: closing?.type === 'ListClosed' ? closing.data.pagesDigest : '',
        },
      },
    ]);
    expect(published.state.status).toBe('published');
  });

  it('takes a page recorded already as a no-op, and refuses one ahead, out of rank order or a close with pages missing', () => {
    const before = fold(defended);
    const [first, second] = inPages(before, chosen, 2).pages;
    if (!first || !second) throw new Error('two pages expected');
    const afterFirst = record(before, [first]).events;
    given(...defended, ...afterFirst)
      .when(first, secretary)
      .then([]);
    given(...defended)
      .when(second, secretary)
      .thenRefused('LIST_PAGE_OUT_OF_ORDER', { expected: 0, page: 1 });
    given(...defended, ...afterFirst)
      .when(
        { type: 'RecordListPage', data: { page: 1, towns: [{ townId: 't-5', listed: true }] } },
        secretary,
      )
      .thenRefused('LIST_OUT_OF_ORDER', { townId: 't-5' });
    // Scores no longer change once pages are recorded, so no page computed before goes stale.
    given(...defended, ...afterFirst)
      .when(
        { type: 'RecordDefenceScore', data: { townId: 't-3', scores: {} } },
        contextFor(pingxiang2017)('2017-04-25T10:00:00+08:00', 'joint-meeting-office'),
      )
      .thenRefused('LIST_ALREADY_DECIDED');
    // A page computed on scores that changed before it was recorded is refused, not recorded.
    given(...defended, scored('t-3', 99))
      .when(first, secretary)
      .thenRefused('LIST_OUT_OF_ORDER', { townId: 't-5' });
    given(...defended, ...afterFirst)
      .when({ type: 'CloseList', data: { pages: 1, towns: 2 } }, secretary)
      .thenRefused('LIST_PAGES_MISSING', { pages: 1, towns: 2, applications: 5 });
    given(...defended)
      .when({ type: 'RecordListPage', data: { page: 0, towns: [] } }, secretary)
      .thenRefused('LIST_PAGE_SIZE');
  });

  it("counts a county's places across pages, with the towns earlier batches listed", () => {
    const prior = [opened({ shangli: ['t-0'] }), ...defended.slice(1)];
    const before = fold(prior);
    const first = nextListPage(before, ['t-2', 't-1'], 2);
    if (!first) throw new Error('a page expected');
    const afterFirst = record(before, [first]);
    const second = nextListPage(afterFirst.state, ['t-2', 't-1'], 2);
    if (!second) throw new Error('a second page expected');
    given(...prior, ...afterFirst.events)
      .when(second, secretary)
      .thenRefused('COUNTY_QUOTA_FULL', { countyCode: 'shangli', count: 3, max: 2 });
  });

  it('keeps a list decided in one step on its old events', () => {
    const decided = record(fold(defended), [{ type: 'DecideList', data: { listed: chosen } }]);
    expect(decided.events.map((event) => event.type)).toEqual(['ListDecided']);
    const published = record(decided.state, [{ type: 'PublishList', data: {} }]).events;
    expect(published.map((event) => event.type)).toEqual(['ListPublished']);
  });
});
