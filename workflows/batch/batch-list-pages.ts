/**
 * A batch's list recorded in pages (docs/decisions/0069): the joint meeting's decision, checked whole by
 * the Update's validator, is recorded a page of applicants at a time in rank order, then closed. Every
 * page is an ordinary step with a command id of its own, derived from the decision's, so the same
 * request again answers the pages recorded and records the rest.
 */
import { nextListPage, type BatchCommand, type BatchEvent, type BatchState } from '../../domain/batch';
import type { StreamCommandRunner } from '../shared/stream-command-runner';
import type { RecordedStep, StepMeta } from '../shared/stream-step';

/** Patch: a list is recorded in pages, then closed, and published by count and hash. */
export const LIST_IN_PAGES = 'list-in-pages';

/** Applicants per page: at 10,000 applicants a page's append stays near 100 KiB (bench:scale). */
export const LIST_PAGE_TOWNS = 500;

/** The meta of one part of a step recorded in several (a page, a close): its own command id. */
export const partOf = (meta: StepMeta, part: string): StepMeta => ({
  ...meta,
  commandId: `${meta.commandId}/${part}`,
});

/** The steps of one decision, answered as one: every event it recorded, in order. */
function together(steps: readonly RecordedStep[]): RecordedStep {
  const last = steps[steps.length - 1];
  if (!last) throw new RangeError('a list is recorded in one step at least');
  return {
    eventIds: steps.flatMap((step) => step.eventIds),
    eventTypes: steps.flatMap((step) => step.eventTypes),
    positions: steps.flatMap((step) => step.positions),
    streamVersion: last.streamVersion,
  };
}

/** The next step of a list whose pages were interrupted (a page, or the close); none for any other. */
export function resumedList(
  state: BatchState,
  listed: readonly string[],
  pageTowns: number,
): BatchCommand | undefined {
  if (state.status !== 'closed' || !state.listPages) return undefined;
  const { pages, towns } = state.listPages;
  return nextListPage(state, listed, pageTowns) ?? { type: 'CloseList', data: { pages, towns } };
}

/** The id of the step that closes the list a decision records: known once the whole decision is. */
export const closeOf = (meta: StepMeta): StepMeta => partOf(meta, 'list-close');

export async function recordListInPages(
  runner: StreamCommandRunner<BatchState, BatchCommand, BatchEvent>,
  listed: readonly string[],
  meta: StepMeta,
  pageTowns: number,
): Promise<RecordedStep> {
  // Each page is the next applicants as the state ranks them once the page before is recorded.
  for (let page = nextListPage(runner.state, listed, pageTowns); page;) {
    await runner.run(page, partOf(meta, `list-page-${page.data.page}`));
    page = nextListPage(runner.state, listed, pageTowns);
  }
  const { pages = 0, towns = 0 } = runner.state.listPages ?? {};
  // Answered from the step already recorded when the same request comes again.
  await runner.run({ type: 'CloseList', data: { pages, towns } }, closeOf(meta));
  return together(partsAnswered(runner, meta));
}

/**
 * Every part this decision recorded, in order — the pages under its id, then the close — so the same
 * request again gets the whole first answer, not only its last step.
 */
function partsAnswered(
  runner: StreamCommandRunner<BatchState, BatchCommand, BatchEvent>,
  meta: StepMeta,
): RecordedStep[] {
  const parts: RecordedStep[] = [];
  for (let page = 0; ; page += 1) {
    const step = runner.answered(partOf(meta, `list-page-${page}`).commandId);
    if (!step) break;
    parts.push(step);
  }
  const close = runner.answered(closeOf(meta).commandId);
  return close ? [...parts, close] : parts;
}
