import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { townDecider } from '../../../domain/town';
import { DomainRefusal } from '../../../domain/shared/domain-refusal';
import type { TownCommand } from '../../../domain/town';
import { townCommandUpdate } from '../../../workflows/town/town.messages';
import { API_SETTINGS, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { commandIdentity, recordedStepDto } from '../commands/command-meta';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { sendCommand } from '../commands/send-command';
import type { Step } from '../commands/step.decorator';
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
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /** Sends `command`, mapped from `body`, the request's validated DTO (its fingerprint is the body's). */
  async send(
    { townId, caller, request }: Step<'townId'>,
    command: OfficialTownCommand,
    body: unknown,
  ): Promise<RecordedStepDto> {
    // Seat, county, unit and the town's existence were settled at the edge (auth/access.guard.ts); the
    // workflow's decider checks the step again.
    const { meta } = commandIdentity(caller, request, body);
    const workflowId = townDecider.streamOf(townId);
    const step = await whenWorkflowMissing(
      sendCommand(this.temporal, this.settings, {
        workflowId,
        update: townCommandUpdate,
        args: [{ command, meta }],
      }),
      // The stream exists but the workflow has ended: the town's life is over.
      () => new DomainRefusal('TOWN_CLOSED', {}),
    );
    this.readModels.recordWrite(caller.userId, step.positions);
    return recordedStepDto(workflowId, step);
  }
}
