import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DomainRefusal } from '../../../domain/shared/domain-refusal';
import type { TownCommand } from '../../../domain/town';
import type { Principal } from '../../../infra/auth/principal';
import { townCommandUpdate, townWorkflowId } from '../../../workflows/town/town.messages';
import { TEMPORAL_CLIENT } from '../api.tokens';
import { commandIdentity, recordedStepDto, type CommandRequest } from '../commands/command-meta';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { ReadModelsService } from '../read-models/read-models.service';

/** The town commands an official sends over HTTP (the rest are the scheduler's or relayed). */
export type OfficialTownCommand = Extract<
  TownCommand,
  {
    type:
      | 'PayReward'
      | 'SubmitPlan'
      | 'GrantPlanExtension'
      | 'ApprovePlan'
      | 'ReturnPlan'
      | 'SubmitYearlyStatistics'
      | 'GrantStatisticsExtension'
      | 'RateTown'
      | 'GrantLandSupport'
      | 'RegisterProject'
      | 'ScheduleKeyProject'
      | 'RecordProjectApproval'
      | 'RecordProjectProgress'
      | 'RecordFunding'
      | 'RecordObservationRecheck'
      | 'RecordProgressCheck'
      | 'RecordProvincialRecommendation'
      | 'RecordProvincialDecision'
      | 'RecordSiteInspection'
      | 'FormAcceptanceOpinion'
      | 'RecordAcceptanceDeliberation';
  }
>;

/**
 * Every official step on a town is one `townCommand` Update on the town's workflow, whose validator
 * runs the same decider; the answer comes once the events are stored.
 */
@Injectable()
export class TownCommandsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly readModels: ReadModelsService,
  ) {}

  async send(
    townId: string,
    command: OfficialTownCommand,
    caller: Principal,
    request: CommandRequest,
    body: unknown,
  ): Promise<RecordedStepDto> {
    // Seat, county, unit and the town's existence were settled at the edge (auth/access.guard.ts); the
    // workflow's decider checks the step again.
    const { meta, updateId } = commandIdentity(caller, request, body);
    const workflowId = townWorkflowId(townId);
    const step = await whenWorkflowMissing(
      this.temporal.workflow.getHandle(workflowId).executeUpdate(townCommandUpdate, {
        args: [{ command, meta }],
        ...(updateId ? { updateId } : {}),
      }),
      // The stream exists but the workflow has ended: the town's life is over.
      () => new DomainRefusal('TOWN_CLOSED', {}),
    );
    this.readModels.recordWrite(caller.userId, step.positions);
    return recordedStepDto(workflowId, step);
  }
}
