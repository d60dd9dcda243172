/**
 * What a published list sets off: every applicant's town records its outcome, and the programme
 * records the towns listed (for the quota of later batches and its own rounds).
 */
import { uuid4 } from '@temporalio/workflow';
import { townDecider } from '../../domain/town';
import type { BatchEvent, BatchState } from '../../domain/batch';
import type { StepMeta } from '../shared/stream-step';
import type { BatchOutgoing } from './batch.messages';

export function messagesOnPublication(
  events: readonly BatchEvent[],
  meta: StepMeta,
  batch: {
    readonly batchId: string;
    readonly workflowId: string;
    readonly stream: string;
    readonly programmeWorkflowId?: string;
  },
  state: BatchState,
): BatchOutgoing[] {
  return events.flatMap((event): BatchOutgoing[] => {
    if (event.type !== 'ListPublished' && event.type !== 'ListPagesPublished') return [];
    // A list recorded in pages names its towns by count and hash; the state holds them (decision 0069).
    const { publishedAt } = event.data;
    const { listed, notListed } = event.type === 'ListPublished' ? event.data : state;
    const relay = (
      townId: string,
      outcome: { listed: boolean; weightedScore: number; reason?: string },
    ): BatchOutgoing => ({
      kind: 'town',
      workflowId: townDecider.streamOf(townId),
      relay: {
        command: {
          type: 'RecordSelection',
          data: { batchId: batch.batchId, publishedAt, ...outcome },
        },
        from: batch.workflowId,
        commandId: uuid4(),
        correlationId: meta.correlationId,
      },
    });
    const programme: BatchOutgoing[] = batch.programmeWorkflowId
      ? [
          {
            kind: 'programme',
            workflowId: batch.programmeWorkflowId,
            published: {
              batchId: batch.batchId,
              ...(event.type === 'ListPublished'
                ? { listed: listed.map(({ townId, county }) => ({ townId, county })) }
                : {
                    inPages: {
                      stream: batch.stream,
                      pages: event.data.pages,
                      listed: event.data.listed,
                      pagesDigest: event.data.pagesDigest,
                    },
                  }),
              commandId: uuid4(),
              correlationId: meta.correlationId,
            },
          },
        ]
      : [];
    return [
      ...programme,
      ...listed.map((town) => relay(town.townId, { listed: true, weightedScore: town.weightedScore })),
      ...notListed.map((town) =>
        relay(town.townId, { listed: false, weightedScore: town.weightedScore, reason: town.reason }),
      ),
    ];
  });
}
