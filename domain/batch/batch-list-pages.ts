/**
 * A batch's list recorded in pages (docs/decisions/0069): the joint meeting's decision is checked whole,
 * then recorded a page of applicants at a time, in rank order, each page decided on what the pages
 * before it left (places per county, the batch's cap, the last applicant); a closing step records the
 * totals and a hash chain of the pages. No command or event of the list grows with the batch.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import { canonicalJson } from '../policy/policy-version';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import type { CloseList, RecordListPage } from './batch.commands';
import type { Application, BatchEvent, ListPageRecorded, ListedTown, NotListedTown } from './batch.events';
import { byWeightedScore, countyQuotaFull, rejectedConditions } from './batch.ranking';
import type { BatchState, ListPages } from './batch.state';

/** The most applicants one page may hold: its append stays far under Temporal's 512 KiB (bench:scale). */
export const MAX_LIST_PAGE_TOWNS = 1_000;

const noPages: ListPages = { pages: 0, towns: 0, listed: 0, listedByCounty: {}, digest: '' };

/** Applicants not on a page yet, in the order the list ranks them. */
function unrecordedInRankOrder(
  state: BatchState,
): { townId: string; weightedScore: number; application: Application }[] {
  const recorded = new Set([...state.listed, ...state.notListed].map((town) => town.townId));
  return state.applications
    .filter((application) => !recorded.has(application.townId))
    .map((application) => ({
      townId: application.townId,
      weightedScore: state.scores[application.townId]?.weightedScore ?? 0,
      application,
    }))
    .sort(byWeightedScore);
}

/**
 * The next page of a decided list: the next `pageTowns` applicants in rank order, each listed if the
 * joint meeting chose it; `undefined` once every applicant is on a page.
 */
export function nextListPage(
  state: BatchState,
  listed: readonly string[],
  pageTowns: number,
): RecordListPage | undefined {
  const chosen = new Set(listed);
  const towns = unrecordedInRankOrder(state)
    .slice(0, pageTowns)
    .map(({ townId }) => ({ townId, listed: chosen.has(townId) }));
  if (towns.length === 0) return undefined;
  return { type: 'RecordListPage', data: { page: state.listPages?.pages ?? 0, towns } };
}

function requireListBeingRecorded(state: BatchState): ListPages {
  if (state.status === 'not-opened') throw refuse('BATCH_NOT_OPEN');
  if (state.status === 'open') throw refuse('APPLICATION_WINDOW_STILL_OPEN');
  if (state.status !== 'closed') throw refuse('LIST_ALREADY_DECIDED');
  return state.listPages ?? noPages;
}

export function decideListPage(
  command: RecordListPage,
  state: BatchState,
  ctx: DecisionContext,
): BatchEvent[] {
  // A page recorded already (a retried step) changes nothing, even once the list is closed.
  if (state.listPages && command.data.page < state.listPages.pages) return [];
  const progress = requireListBeingRecorded(state);
  const unscored = state.applications.filter((application) => !state.scores[application.townId]);
  if (unscored.length > 0) throw refuse('DEFENCE_INCOMPLETE', { townIds: unscored.map((a) => a.townId) });
  const { page, towns } = command.data;
  if (page > progress.pages) throw refuse('LIST_PAGE_OUT_OF_ORDER', { expected: progress.pages, page });
  if (towns.length === 0 || towns.length > MAX_LIST_PAGE_TOWNS)
    throw refuse('LIST_PAGE_SIZE', { maxTowns: MAX_LIST_PAGE_TOWNS, towns: towns.length });
  const { passingScore, maxListedPerBatch } = ctx.policy.selection;
  const maxPerCounty = ctx.policy.quota.maxTownsPerCounty;
  const listedByCounty: Record<string, number> = { ...progress.listedByCounty };
  let listedSoFar = progress.listed;
  // The page holds the next applicants in rank order, as the state ranks them now: the pages are one
  // ranking, no applicant is on two, and a page computed on scores that have since changed is refused.
  const next = unrecordedInRankOrder(state);
  const known = new Set(state.applications.map((application) => application.townId));
  const data: ListPageRecorded['data'] = { page, listed: [], notListed: [] };
  for (const [index, { townId, listed }] of towns.entries()) {
    if (!known.has(townId)) throw refuse('APPLICATION_UNKNOWN', { townId });
    const expected = next[index];
    if (expected?.townId !== townId) throw refuse('LIST_OUT_OF_ORDER', { townId });
    const { application, weightedScore } = expected;
    const unmet = rejectedConditions(state, townId);
    const below = passingScore !== null && weightedScore < passingScore;
    const { county } = application;
    if (!listed) {
      const reason = unmet.length > 0 ? 'conditions-not-met' : below ? 'below-passing-score' : 'not-selected';
      data.notListed.push({ townId, county, weightedScore, reason } satisfies NotListedTown);
      continue;
    }
    if (unmet.length > 0) throw refuse('CONDITIONS_NOT_MET', { townId, conditions: unmet });
    if (below) throw refuse('BELOW_PASSING_SCORE', { townId, score: weightedScore, passingScore });
    listedSoFar += 1;
    if (maxListedPerBatch !== null && listedSoFar > maxListedPerBatch)
      throw refuse('BATCH_LIST_FULL', { max: maxListedPerBatch, count: listedSoFar });
    listedByCounty[county] = (listedByCounty[county] ?? 0) + 1;
    const count = (state.priorListedByCounty[county]?.length ?? 0) + (listedByCounty[county] ?? 0);
    if (count > maxPerCounty) throw countyQuotaFull(ctx.policy, county, count, maxPerCounty);
    data.listed.push({ townId, county, weightedScore } satisfies ListedTown);
  }
  return [{ type: 'ListPageRecorded', data }];
}

export function decideListClose(command: CloseList, state: BatchState): BatchEvent[] {
  const progress = requireListBeingRecorded(state);
  const { pages, towns } = command.data;
  if (progress.pages !== pages || progress.towns !== towns || towns !== state.applications.length)
    throw refuse('LIST_PAGES_MISSING', {
      pages: progress.pages,
      towns: progress.towns,
      expectedPages: pages,
      expectedTowns: towns,
      applications: state.applications.length,
    });
  return [
    {
      type: 'ListClosed',
      data: {
        pages,
        towns,
        listed: progress.listed,
        notListed: towns - progress.listed,
        pagesDigest: progress.digest,
      },
    },
  ];
}

/** The next link of a list's chain of page hashes. */
export function listPageDigest(previous: string, page: ListPageRecorded['data']): string {
  return bytesToHex(sha256(utf8ToBytes(previous + canonicalJson(page))));
}

/** What a recorded page leaves for the next one. */
export function afterListPage(state: BatchState, page: ListPageRecorded['data']): ListPages {
  const progress = state.listPages ?? noPages;
  const listedByCounty: Record<string, number> = { ...progress.listedByCounty };
  for (const town of page.listed) listedByCounty[town.county] = (listedByCounty[town.county] ?? 0) + 1;
  return {
    pages: page.page + 1,
    towns: progress.towns + page.listed.length + page.notListed.length,
    listed: progress.listed + page.listed.length,
    listedByCounty,
    digest: listPageDigest(progress.digest, page),
  };
}
