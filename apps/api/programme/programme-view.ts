/**
 * The programme as `GET /api/programme` shows it: its workflow's view, which carries counts and a hash
 * for the lists that grow with the towns, completed with those lists from the read models' fold of the
 * programme's stream once the two agree, and the ratings reported to the run a page at a time
 * (docs/decisions/0068-programme-view-counts-its-lists.md).
 */
import type { Client } from '@temporalio/client';
import {
  membersOf,
  programmeDecider,
  summariseMembers,
  type ProgrammeState,
} from '../../../domain/programme';
import {
  programmeReportedRatingsQuery,
  programmeViewQuery,
  REPORTED_RATINGS_PAGE,
  type ProgrammeView,
  type ReportedRatings,
} from '../../../workflows/programme/programme.messages';
import { queryWorkflow } from '../commands/query-workflow';
import { membersAgreeing } from '../read-models/members-agreeing';
import type { ReadModelsService } from '../read-models/read-models.service';

export interface ProgrammeAsRecorded {
  readonly view: ProgrammeView;
  readonly state: ProgrammeState;
  readonly ratings: ReportedRatings;
}

/** The programme's lists from a fold whose summary of them is the workflow's. */
const agreeingMembers = membersAgreeing(membersOf, summariseMembers);

export async function programmeAsRecorded(
  temporal: Client,
  workflowId: string,
  readModels: ReadModelsService,
): Promise<ProgrammeAsRecorded> {
  const { view, members } = await readModels.agreeingWith(
    () => queryWorkflow(temporal, workflowId, programmeViewQuery),
    (models, view) => {
      const folded =
        models.programmes().find((programme) => programme.stream === workflowId)?.state ??
        programmeDecider.initialState;
      const members = agreeingMembers(folded, view.members);
      return members === undefined ? undefined : { view, members };
    },
  );
  const ratings: Record<string, ReportedRatings[string]> = {};
  for (let offset = 0; offset < view.reportedRatings; offset += REPORTED_RATINGS_PAGE) {
    const page = await queryWorkflow(temporal, workflowId, programmeReportedRatingsQuery, {
      offset,
      limit: REPORTED_RATINGS_PAGE,
    });
    Object.assign(ratings, page.ratings);
  }
  return { view, state: { ...view.state, ...members }, ratings };
}
