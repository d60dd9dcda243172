import { batchMembersOf, summariseBatchMembers, withoutBatchMembers } from '../../../../domain/batch';
import { checkAgainstSummary, ListsUnlikeSummary } from '../../../../domain/shared/list-summary';
import { batchOpened, foldBatch, received, scored } from './batch-events.fixtures';

const where = { stream: 'batch/p/2017', throughVersion: 6 };

/**
 * Decision 0097: a batch run hands over the counts and hash of its applications, scores and lists; the
 * next run checks what it reads back from the stream against them before it decides anything.
 */
describe("a batch's members across continue-as-new", () => {
  const state = foldBatch([
    batchOpened(),
    received('a', 'anyuan'),
    received('b', 'lianhua'),
    received('c', 'shangli'),
    scored('a', 91),
    scored('b', 77),
  ]);
  const members = batchMembersOf(state);
  const carried = summariseBatchMembers(members);

  it('stands for the members by their counts and one digest', () => {
    expect(carried).toEqual({
      applications: 3,
      scores: 2,
      listed: 0,
      notListed: 0,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('hands over a state without them, and nothing else changed', () => {
    const without = withoutBatchMembers(state);
    expect(batchMembersOf(without)).toEqual({ applications: [], scores: {}, listed: [], notListed: [] });
    expect({ ...without, ...members }).toEqual(state);
  });

  it('takes members read back as the fold holds them, whatever order the scores map has', () => {
    const scores = Object.fromEntries(Object.entries(members.scores).reverse());
    expect(() => checkAgainstSummary(where, { ...members, scores }, carried)).not.toThrow();
    // A summary that travelled through an input may come with its keys in another order.
    const reordered = Object.fromEntries(Object.entries(carried).reverse()) as typeof carried;
    expect(() => checkAgainstSummary(where, members, reordered)).not.toThrow();
  });

  it.each([
    ['an application missing', { ...members, applications: members.applications.slice(0, 2) }],
    ['the applications in another order', { ...members, applications: [...members.applications].reverse() }],
    [
      'a score that differs',
      { ...members, scores: { ...members.scores, b: { scores: {}, weightedScore: 78 } } },
    ],
    ['one town listed more', { ...members, listed: [{ townId: 'a', county: 'anyuan', weightedScore: 91 }] }],
  ])('refuses %s: the run fails its task rather than decide on it', (_case, read) => {
    let thrown: unknown;
    try {
      checkAgainstSummary(where, read, carried);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ListsUnlikeSummary);
    expect(thrown).toMatchObject({
      code: 'LISTS_UNLIKE_SUMMARY',
      messageEn: expect.stringContaining('batch/p/2017 through version 6'),
      messageZh: expect.stringContaining('batch/p/2017'),
    });
  });
});
