import type { ReadAllOptions } from '../../infra/event-store/event-store.port';

export interface PagedLog<Entry extends { readonly globalPosition: bigint }> {
  readAll(options: ReadAllOptions): Promise<Entry[]>;
}

export const DEFAULT_PAGE_SIZE = 2000;

/**
 * The log after `after`, page by page. The next page is requested as soon as the current one arrives, so a
 * store in another process (PostgreSQL) reads it while the caller is busy with this one.
 */
export async function* readPages<Entry extends { readonly globalPosition: bigint }>(
  log: PagedLog<Entry>,
  after: bigint,
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<Entry[]> {
  let next: Promise<Entry[]> | undefined = log.readAll({ after, maxCount: pageSize });
  while (next !== undefined) {
    const page: Entry[] = await next;
    const last = page.at(-1);
    next =
      page.length < pageSize || last === undefined
        ? undefined
        : log.readAll({ after: last.globalPosition, maxCount: pageSize });
    // A caller that stops early must not leave the prefetch to reject unobserved.
    next?.catch(() => undefined);
    if (page.length > 0) yield page;
  }
}
