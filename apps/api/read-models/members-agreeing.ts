/**
 * The lists a workflow's view leaves out (it carries their counts and hash instead), taken from the read
 * models' fold of the workflow's stream once the fold's summary of them is the one the workflow gave
 * (decisions 0068, 0098).
 */

/**
 * A matcher for one aggregate's lists. The summary of a folded state is hashed once per state object: the
 * fold makes a new state for each event it applies and never changes one, so a state seen before has the
 * summary it had.
 */
export function membersAgreeing<S extends object, M>(
  membersOf: (state: S) => M,
  summarise: (members: M) => object,
): (folded: S, summary: object) => M | undefined {
  const summaries = new WeakMap<S, string>();
  return (folded, summary) => {
    let own = summaries.get(folded);
    if (own === undefined) {
      own = JSON.stringify(summarise(membersOf(folded)));
      summaries.set(folded, own);
    }
    return own === JSON.stringify(summary) ? membersOf(folded) : undefined;
  };
}
