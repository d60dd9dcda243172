import { membersAgreeing } from '../../../apps/api/read-models/members-agreeing';
import { batchMembersOf, summariseBatchMembers, withoutBatchMembers } from '../../../domain/batch';
import { batchOpened, foldBatch, received, scored } from '../domain/batch/batch-events.fixtures';

describe("a view's lists from the read models' fold (decisions 0068, 0098)", () => {
  const applied = foldBatch([batchOpened(), received('t-1', 'luxi'), received('t-2', 'shangli')]);
  const scoredOnce = foldBatch([scored('t-1', 80)], applied);

  it('gives the folded lists when the fold has the summary the workflow gave', () => {
    const agreeing = membersAgreeing(batchMembersOf, summariseBatchMembers);
    const summary = summariseBatchMembers(batchMembersOf(scoredOnce));
    const members = agreeing(scoredOnce, summary);
    expect(members).toEqual(batchMembersOf(scoredOnce));
    // The view's state completed with them is the state the workflow holds.
    expect({ ...withoutBatchMembers(scoredOnce), ...members }).toEqual(scoredOnce);
  });

  it('gives nothing for a fold behind the workflow, or a step ahead of it', () => {
    const agreeing = membersAgreeing(batchMembersOf, summariseBatchMembers);
    const summary = summariseBatchMembers(batchMembersOf(applied));
    expect(agreeing(scoredOnce, summary)).toBeUndefined();
    expect(agreeing(foldBatch([batchOpened()]), summary)).toBeUndefined();
    expect(agreeing(applied, summary)).toEqual(batchMembersOf(applied));
  });

  it('hashes a folded state once, however often it is asked', () => {
    const summarise = jest.fn(summariseBatchMembers);
    const agreeing = membersAgreeing(batchMembersOf, summarise);
    const summary = summariseBatchMembers(batchMembersOf(applied));
    agreeing(applied, summary);
    agreeing(applied, summary);
    agreeing(applied, summariseBatchMembers(batchMembersOf(scoredOnce)));
    expect(summarise).toHaveBeenCalledTimes(1);
    // A new state, as the fold makes for each event, is hashed anew.
    agreeing(scoredOnce, summary);
    expect(summarise).toHaveBeenCalledTimes(2);
  });
});
