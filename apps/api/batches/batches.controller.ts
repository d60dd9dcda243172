import { Body, Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReadScope } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import {
  decideListUpdate,
  publishListUpdate,
  recordDefenceScoreUpdate,
} from '../../../workflows/batch/batch.messages';
import { Caller, Reads, Scope } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { DefenceScoreDto, ListDecisionDto, PublicationDto } from './batch-commands.dto';
import { BatchViewDto } from './batch-view.dto';
import { BatchesService } from './batches.service';

@ApiTags('batches')
@Controller('batches/:batchId')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @Reads('batch')
  @HeavyRead()
  @ApiOkResponse({ type: BatchViewDto, description: "The batch's state and the caller's next steps." })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  view(
    @Param('batchId') batchId: string,
    @Caller() caller: Principal,
    @Scope() scope: ReadScope,
  ): Promise<BatchViewDto> {
    return this.batches.view(batchId, caller, scope);
  }

  @CommandRoute(
    'defence-scores',
    { aggregate: 'batch', type: 'RecordDefenceScore' },
    "Record one applicant's defence scores",
  )
  recordDefenceScore(
    @Param('batchId') batchId: string,
    @Body() dto: DefenceScoreDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    this.batches.checkScores(dto.scores);
    const data = {
      townId: dto.townId,
      scores: dto.scores,
      ...(dto.conditions === undefined ? {} : { conditions: dto.conditions }),
    };
    return this.batches.send(batchId, recordDefenceScoreUpdate, data, caller, request, dto);
  }

  @CommandRoute('list-decision', { aggregate: 'batch', type: 'DecideList' }, 'Decide the list')
  decideList(
    @Param('batchId') batchId: string,
    @Body() dto: ListDecisionDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    return this.batches.send(batchId, decideListUpdate, { listed: dto.listed }, caller, request, dto);
  }

  @CommandRoute('publication', { aggregate: 'batch', type: 'PublishList' }, 'Publish the list')
  publish(
    @Param('batchId') batchId: string,
    @Body() dto: PublicationDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    return this.batches.send(batchId, publishListUpdate, {}, caller, request, dto);
  }
}
