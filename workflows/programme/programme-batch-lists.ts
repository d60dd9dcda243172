/**
 * A batch's list recorded in pages reaches the programme as counts and a hash (docs/decisions/0069):
 * the programme reads the towns listed from the batch's stream a page at a time and records each page,
 * then closes the batch's list. Every page is a step with a command id derived from the message's, so a
 * message handled again (a retried task, a replay) records nothing twice.
 */
import type { ProgrammeCommand } from '../../domain/programme';
import { storeReader } from '../shared/activity-proxies';
import type { BatchListInPages } from './programme.messages';

export async function recordListFromPages(
  batchId: string,
  inPages: BatchListInPages,
  pageTowns: number,
  record: (command: ProgrammeCommand, part: string) => Promise<void>,
): Promise<void> {
  let page = 0;
  for (let offset = 0; offset < inPages.listed; offset += pageTowns) {
    const listed = await storeReader.readBatchListed({
      stream: inPages.stream,
      offset,
      limit: pageTowns,
    });
    await record({ type: 'RecordBatchListPage', data: { batchId, page, listed } }, `list-page-${page}`);
    page += 1;
  }
  const close: ProgrammeCommand = {
    type: 'CloseBatchList',
    data: { batchId, pages: page, towns: inPages.listed, batchPagesDigest: inPages.pagesDigest },
  };
  await record(close, 'list-close');
}
