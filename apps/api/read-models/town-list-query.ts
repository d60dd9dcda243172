import type { TownStatus } from '../../../domain/town/town.state';
import { latestRating, type TownRecord } from './town-record';

export const townSortFields = ['name', 'appliedAt', 'listedAt', 'county', 'status'] as const;
export type TownSortField = (typeof townSortFields)[number];
export type TownSort = TownSortField | `-${TownSortField}`;
export const townSorts: readonly TownSort[] = townSortFields.flatMap((field) => [
  field,
  `-${field}` as const,
]);

export interface TownListQuery {
  /** County code (already normalised). */
  readonly county?: string;
  readonly status?: TownStatus;
  readonly batchId?: string;
  readonly kind?: string;
  /** With `year`: the rating of that year; alone: the latest rating. */
  readonly rating?: string;
  /** Alone: towns rated in that year. */
  readonly year?: number;
  readonly sort: TownSort;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

export interface TownPage {
  readonly items: readonly TownRecord[];
  readonly total: number;
}

function matches(record: TownRecord, query: TownListQuery): boolean {
  const { state } = record;
  if (query.county !== undefined && state.county !== query.county) return false;
  if (query.status !== undefined && state.status !== query.status) return false;
  if (query.batchId !== undefined && state.batchId !== query.batchId) return false;
  if (query.kind !== undefined && state.kind !== query.kind) return false;
  if (query.year !== undefined) {
    const rated = state.ratingsByYear[query.year];
    if (!rated || (query.rating !== undefined && rated.rating !== query.rating)) return false;
  } else if (query.rating !== undefined && latestRating(state)?.rating !== query.rating) {
    return false;
  }
  return true;
}

function sortValue(field: TownSortField, record: TownRecord): string | null {
  const { state } = record;
  switch (field) {
    case 'name':
      return state.name;
    case 'appliedAt':
      return state.appliedAt;
    case 'listedAt':
      return state.listedAt;
    case 'county':
      return state.county;
    case 'status':
      return state.status;
  }
}

/**
 * Orders two towns for the sort asked for. A missing value (a town never listed has no `listedAt`)
 * sorts last whichever the direction; ties are broken by town id, so pages never overlap.
 */
function compare(sort: TownSort, a: TownRecord, b: TownRecord): number {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as TownSortField;
  const left = sortValue(field, a);
  const right = sortValue(field, b);
  if (left !== right) {
    if (left === null) return 1;
    if (right === null) return -1;
    const order = field === 'name' ? left.localeCompare(right, 'zh-Hans-CN') : left < right ? -1 : 1;
    if (order !== 0) return descending ? -order : order;
  }
  return a.townId.localeCompare(b.townId);
}

/** Filter, sort, then cut the page. */
export function queryTowns(records: readonly TownRecord[], query: TownListQuery): TownPage {
  const sorted = records.filter((record) => matches(record, query)).sort((a, b) => compare(query.sort, a, b));
  const start = (query.page - 1) * query.pageSize;
  return { items: sorted.slice(start, start + query.pageSize), total: sorted.length };
}
