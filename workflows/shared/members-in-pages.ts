/**
 * Reading an entity's members back a page at a time after continue-as-new (decisions 0067, 0097): each
 * read returns the next page of every list; the lists are complete once every page came back short.
 */
export type ListsOf<Page> = { [K in keyof Page]: Page[K] extends readonly (infer T)[] ? T[] : never };

export async function readInPages<Page extends { [K in keyof Page]: readonly unknown[] }>(
  pageSize: number,
  read: (offset: number) => Promise<Page>,
): Promise<ListsOf<Page>> {
  const lists: Record<string, unknown[]> = {};
  for (let offset = 0; ; offset += pageSize) {
    const page = await read(offset);
    for (const [name, entries] of Object.entries<readonly unknown[]>(page))
      (lists[name] ??= []).push(...entries);
    if (Object.values<readonly unknown[]>(page).every((entries) => entries.length < pageSize))
      return lists as ListsOf<Page>;
  }
}
