import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReadScope } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, Reads, Scope } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { MinPosition, minPositionHeader } from '../read-models/min-position';
import { TownListQueryDto } from './town-list-query.dto';
import { townIdPipe } from './town-problems';
import { TownQueriesService } from './town-queries.service';
import { TownDetailDto, TownPageDto } from './town-view.dto';

@ApiTags('towns')
@Controller('towns')
export class TownQueriesController {
  constructor(private readonly queries: TownQueriesService) {}

  @Get()
  @Reads('town-list')
  @ApiHeader(minPositionHeader)
  @ApiOkResponse({ type: TownPageDto, description: 'One page of towns matching the filters.' })
  @ApiProblems(400, 401, 403, 503)
  list(
    @Query() query: TownListQueryDto,
    @Caller() caller: Principal,
    @Scope() scope: ReadScope,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<TownPageDto> {
    return this.queries.list(caller, scope, query, minPosition);
  }

  @Get(':townId')
  @Reads('town')
  @ApiHeader(minPositionHeader)
  @ApiOkResponse({
    type: TownDetailDto,
    description: 'The town as the read models know it, its deadlines, and what the caller may do next.',
  })
  @ApiProblems(400, 401, 403, 404, 503)
  detail(
    @Param('townId', townIdPipe) townId: string,
    @Caller() caller: Principal,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<TownDetailDto> {
    return this.queries.detail(caller, townId, minPosition);
  }
}
