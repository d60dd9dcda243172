import type { MembersPageInput } from '../../activities/state-through-version';

type ListsOf<Page> = { [K in keyof Page]: Page[K] extends readonly (infer T)[] ? T[] : never };

/**
 * A batch's or programme's members read back after continue-as-new (decisions 0067, 0097), `pageSize`
 * entries of every list a call, through the version the last run folded, until every list comes back short.
 */
export async function readMembersBack<Page extends { [K in keyof Page]: readonly unknown[] }>(
  { stream, throughVersion }: { readonly stream: string; readonly throughVersion: number },
  pageSize: number,
  read: (input: MembersPageInput) => Promise<Page>,
): Promise<ListsOf<Page>> {
  const lists: Record<string, unknown[]> = {};
  for (let offset = 0; ; offset += pageSize) {
    const page = await read({ stream, throughVersion, offset, limit: pageSize });
    for (const [name, entries] of Object.entries<readonly unknown[]>(page))
      (lists[name] ??= []).push(...entries);
    if (Object.values<readonly unknown[]>(page).every((entries) => entries.length < pageSize))
      return lists as ListsOf<Page>;
  }
}
