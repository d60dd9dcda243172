import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { decideTown, initialTownState, type ApplyForTown } from '../../../domain/town';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { submitApplicationUpdate } from '../../../workflows/batch/batch.messages';
import {
  API_SETTINGS,
  EVENT_STORE,
  nowOf,
  programmeIdOf,
  TEMPORAL_CLIENT,
  type ApiSettings,
} from '../api.tokens';
import { IssuesCommand, Reads } from '../auth/auth.decorators';
import { batchNotOpen } from '../shared/batch-problems';
import { onBatchWorkflow } from '../shared/batch-workflow';
import { commandIdentity, recordedStepDto } from '../commands/command-meta';
import { idempotencyKeyHeader, requestIdHeader } from '../commands/command-route.decorator';
import { sendCommand } from '../commands/send-command';
import { StepOf, type Step } from '../commands/step.decorator';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { uuidFromKey } from '../idempotency/idempotency-key';
import { ReadModelsService } from '../read-models/read-models.service';
import { ApplyForTownDto } from './apply-for-town.dto';
import { readTownHistory } from './town-history';
import { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { storeAnswers } from '../shared/store-health';
import { townIdPipe, townNotFound } from '../shared/town-problems';
import { townUrl } from './town-views';

@ApiTags('towns')
@Controller('towns')
export class TownsController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /**
   * An application goes to its batch's workflow (docs/decisions/0061), which checks the window and the
   * county quota across batches, hands it to the town (which records it, or refuses it if it exists),
   * records it itself and answers once both streams hold it. The town's own decider runs here first, so
   * a bad application is refused before anything is sent. With an Idempotency-Key the town id and the
   * command id are derived from it (the town id per programme): a retry names the same command, which
   * the batch answers with the step it recorded (docs/decisions/0060).
   */
  @Post()
  @HttpCode(201)
  @IssuesCommand({ aggregate: 'town', type: 'ApplyForTown' })
  @ApiHeader(idempotencyKeyHeader)
  @ApiHeader(requestIdHeader)
  @ApiCreatedResponse({
    type: TownAppliedResponseDto,
    description: "Applied through the batch; the batch's and the town's events are stored.",
  })
  @ApiProblems(400, 401, 403, 409, 413, 415, 422, 429, 503)
  async apply(
    @StepOf() { caller, request }: Step,
    @Body() dto: ApplyForTownDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TownAppliedResponseDto> {
    const { meta, scope } = commandIdentity(caller, request, dto);
    const programmeId = programmeIdOf(this.settings);
    const townId = scope ? uuidFromKey(`town ${programmeId}`, scope) : randomUUID();
    const data = {
      townId,
      name: dto.name,
      county: dto.county,
      kind: dto.kind,
      industry: dto.industry,
      ...(dto.industryDescription === undefined ? {} : { industryDescription: dto.industryDescription }),
      ...(dto.declarations === undefined ? {} : { declarations: dto.declarations }),
    };
    const command: ApplyForTown = { type: 'ApplyForTown', data: { ...data, batchId: dto.batchId } };
    // Refuses (400 naming the field, or 409) before anything is sent; the batch decides again.
    decideTown(command, initialTownState, {
      now: nowOf(this.settings),
      actor: meta.actor,
      policy: this.settings.policy,
      commandId: meta.commandId,
    });
    await storeAnswers(this.store, this.settings);

    const { workflowId, result: recorded } = await whenWorkflowMissing(
      onBatchWorkflow(programmeId, dto.batchId, (batchWorkflowId) =>
        sendCommand(this.temporal, this.settings, {
          workflowId: batchWorkflowId,
          update: submitApplicationUpdate,
          args: [{ data, meta }],
        }),
      ),
      () => batchNotOpen(dto.batchId),
    );
    this.readModels.recordWrite(caller.userId, [...recorded.batch.positions, ...recorded.town.positions]);
    response.location(townUrl(townId));
    return {
      townId,
      workflowId: recorded.townWorkflowId,
      eventIds: [...recorded.town.eventIds],
      positions: [...recorded.town.positions],
      historyUrl: `${townUrl(townId)}/history`,
      townUrl: townUrl(townId),
      batchWorkflowId: workflowId,
      batchStep: recordedStepDto(workflowId, recorded.batch),
    };
  }

  @Get(':townId/history')
  @Reads('town')
  @HeavyRead()
  @ApiOkResponse({ type: TownHistoryDto, description: 'Every event of the town, in order.' })
  @ApiProblems(400, 401, 403, 404, 429)
  async history(@Param('townId', townIdPipe) townId: string): Promise<TownHistoryDto> {
    const history = await readTownHistory(this.store, townId);
    if (!history) throw townNotFound(townId);
    return history;
  }
}
