import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemException, problem, validationProblem } from '../errors/problem';
import { ApplyForTownDto } from './apply-for-town.dto';
import { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { TownsService } from './towns.service';

const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    validationProblem([{ field: 'townId', code: 'INVALID_UUID', message: 'townId must be a UUID' }]),
});

@ApiTags('towns')
@Controller('towns')
export class TownsController {
  constructor(private readonly towns: TownsService) {}

  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'X-User-Id', required: true, description: 'The acting official (until token sign-in).' })
  @ApiHeader({ name: 'X-Request-Id', required: false })
  @ApiCreatedResponse({ type: TownAppliedResponseDto, description: 'Applied; the event is stored.' })
  @ApiBadRequestResponse({
    description: 'A field is missing, of the wrong type, or names an unknown county.',
  })
  @ApiConflictResponse({ description: 'The lifecycle refused the application (e.g. window closed).' })
  @ApiServiceUnavailableResponse({ description: 'Temporal or the event store is unavailable.' })
  async apply(
    @Body() dto: ApplyForTownDto,
    @Headers('x-user-id') userId: string | undefined,
    @Headers('x-request-id') requestId: string | undefined,
  ): Promise<TownAppliedResponseDto> {
    if (!userId || userId.length > 100) {
      throw validationProblem([
        { field: 'header:X-User-Id', code: 'REQUIRED', message: 'X-User-Id is required' },
      ]);
    }
    return this.towns.apply(dto, userId, requestId);
  }

  @Get(':townId/history')
  @ApiOkResponse({ type: TownHistoryDto, description: 'Every event of the town, in order.' })
  @ApiNotFoundResponse({ description: 'No such town.' })
  async history(@Param('townId', uuidPipe) townId: string): Promise<TownHistoryDto> {
    const history = await this.towns.history(townId);
    if (!history) {
      throw new ProblemException(problem(404, 'TOWN_NOT_FOUND', 'Not Found', `No town ${townId}`));
    }
    return history;
  }
}
