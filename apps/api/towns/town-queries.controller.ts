import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { validationProblem } from '../errors/problem';
import { MinPosition } from '../read-models/min-position';
import { TownListQueryDto } from './town-list-query.dto';
import { TownQueriesService } from './town-queries.service';
import { TownDetailDto, TownPageDto } from './town-view.dto';

export const townIdPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    validationProblem([{ field: 'townId', code: 'INVALID_UUID', message: 'townId must be a UUID' }]),
});

const minPositionHeader = {
  name: 'X-Min-Position',
  required: false,
  description:
    "Wait until the read models include this global position (a command's `positions`). Your own writes are waited for anyway.",
};

@ApiTags('towns')
@Controller('towns')
export class TownQueriesController {
  constructor(private readonly queries: TownQueriesService) {}

  @Get()
  @Reads('towns')
  @ApiHeader(minPositionHeader)
  @ApiOkResponse({ type: TownPageDto, description: 'One page of towns matching the filters.' })
  @ApiProblems(400, 401, 403, 503)
  list(
    @Query() query: TownListQueryDto,
    @Caller() caller: Principal,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<TownPageDto> {
    return this.queries.list(caller, query, minPosition);
  }

  @Get(':townId')
  @Reads('towns')
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
