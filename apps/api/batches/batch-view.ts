/**
 * The batch as `GET /api/batches/{id}` shows it: its workflow's view, which carries counts and a hash for
 * the collections that grow with the applicants, completed with those collections from the read models'
 * fold of the batch's stream once the two agree (docs/decisions/0098-batch-view-counts-its-lists.md).
 */
import type { Client } from '@temporalio/client';
import { batchDecider, batchMembersOf, summariseBatchMembers, type BatchState } from '../../../domain/batch';
import { batchViewQuery, type BatchView } from '../../../workflows/batch/batch.messages';
import { queryWorkflow } from '../commands/query-workflow';
import { membersAgreeing } from '../read-models/members-agreeing';
import type { ReadModelsService } from '../read-models/read-models.service';

export interface BatchAsRecorded {
  readonly view: BatchView;
  /** The view's state with its applications, scores and lists. */
  readonly state: BatchState;
}

/** The batch's collections from a fold whose summary of them is the workflow's. */
const agreeingMembers = membersAgreeing(batchMembersOf, summariseBatchMembers);

/** 503 READ_MODEL_BEHIND when the fold does not agree with the workflow within the read-your-writes timeout. */
export async function batchAsRecorded(
  temporal: Client,
  workflowId: string,
  readModels: ReadModelsService,
): Promise<BatchAsRecorded> {
  return readModels.agreeingWith(
    () => queryWorkflow(temporal, workflowId, batchViewQuery),
    (models, view) => {
      const folded =
        models.batches().find((batch) => batch.stream === workflowId)?.state ?? batchDecider.initialState;
      const members = agreeingMembers(folded, view.members);
      return members === undefined ? undefined : { view, state: { ...view.state, ...members } };
    },
  );
}
