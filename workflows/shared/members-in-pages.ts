import { log } from '@temporalio/workflow';
import type { ListsUnlikeSummary } from '../../domain/shared/list-summary';
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

/**
 * Lists read back that do not match what the last run carried. The stream is the record: every step a
 * run took was appended before it was folded, and one it did not know of is read in (a moved stream), so
 * the run that handed over is what erred (its memory strayed from what it recorded, e.g. across a worker
 * that failed mid-task). Refusing to go on would stop the batch or the programme for good with nothing
 * to decide it on, so the next run goes on from the record and says so loudly, for an operator and the
 * auditors (decision 0097).
 */
export function goOnFromTheRecord(unlike: ListsUnlikeSummary | undefined): void {
  if (unlike === undefined) return;
  log.error('The lists read back differ from what the last run carried; going on from the record', {
    code: unlike.code,
    detail: unlike.messageEn,
  });
}
