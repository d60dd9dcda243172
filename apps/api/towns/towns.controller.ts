import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, IssuesCommand, Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { requestContext } from '../http/request-context';
import { idempotencyKeyOf } from '../idempotency/idempotency-key';
import { ApplyForTownDto } from './apply-for-town.dto';
import { townIdPipe } from './town-queries.controller';
import { townNotFound } from './town-queries.service';
import { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { TownsService } from './towns.service';

const idempotencyKeyHeader = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Send the same key with a retry: the first answer is replayed and nothing is recorded twice. The same key with another body is refused (422).',
};

@ApiTags('towns')
@Controller('towns')
export class TownsController {
  constructor(private readonly towns: TownsService) {}

  @Post()
  @HttpCode(201)
  @IssuesCommand({ aggregate: 'town', type: 'ApplyForTown' })
  @ApiHeader(idempotencyKeyHeader)
  @ApiHeader({
    name: 'X-Request-Id',
    required: false,
    description: 'Echoed; recorded as the correlation id.',
  })
  @ApiCreatedResponse({ type: TownAppliedResponseDto, description: 'Applied; the event is stored.' })
  @ApiProblems(400, 401, 403, 409, 422, 503)
  async apply(
    @Body() dto: ApplyForTownDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TownAppliedResponseDto> {
    const applied = await this.towns.apply(dto, caller, {
      requestId: requestContext(request).requestId,
      idempotencyKey: idempotencyKeyOf(idempotencyKey),
    });
    response.location(applied.townUrl);
    return applied;
  }

  @Get(':townId/history')
  @Reads('town-history')
  @ApiOkResponse({ type: TownHistoryDto, description: 'Every event of the town, in order.' })
  @ApiProblems(400, 401, 403, 404)
  async history(
    @Param('townId', townIdPipe) townId: string,
    @Caller() caller: Principal,
  ): Promise<TownHistoryDto> {
    const history = await this.towns.history(townId, caller);
    if (!history) throw townNotFound(townId);
    return history;
  }
}
