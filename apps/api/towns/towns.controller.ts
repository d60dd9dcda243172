import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, IssuesCommand, Reads } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { idempotencyKeyHeader, requestIdHeader } from '../commands/command-route.decorator';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { ApplyForTownDto } from './apply-for-town.dto';
import { townIdPipe, townNotFound } from './town-problems';
import { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { TownsService } from './towns.service';

@ApiTags('towns')
@Controller('towns')
export class TownsController {
  constructor(private readonly towns: TownsService) {}

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
    @Body() dto: ApplyForTownDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TownAppliedResponseDto> {
    const applied = await this.towns.apply(dto, caller, request);
    response.location(applied.townUrl);
    return applied;
  }

  @Get(':townId/history')
  @Reads('town')
  @HeavyRead()
  @ApiOkResponse({ type: TownHistoryDto, description: 'Every event of the town, in order.' })
  @ApiProblems(400, 401, 403, 404, 429)
  async history(@Param('townId', townIdPipe) townId: string): Promise<TownHistoryDto> {
    const history = await this.towns.history(townId);
    if (!history) throw townNotFound(townId);
    return history;
  }
}
