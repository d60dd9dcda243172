import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { MinPosition } from '../read-models/min-position';
import { ReadModelsService } from '../read-models/read-models.service';
import { townIdPipe } from '../shared/town-problems';
import { TownProgressDto } from './town-progress.dto';
import { townProgress } from './town-progress';

/** The town page's yearly reviews, checks and acceptance, from the read models (the domain's own fold). */
@ApiTags('towns')
@Controller('towns/:townId/progress')
export class TownProgressController {
  constructor(private readonly readModels: ReadModelsService) {}

  @Get()
  @Reads('town')
  @ApiOkResponse({
    type: TownProgressDto,
    description: 'Yearly reviews, progress check, recommendation, exit, acceptance.',
  })
  @ApiProblems(400, 401, 403, 404, 503)
  async progress(
    @Param('townId', townIdPipe) townId: string,
    @Caller() caller: Principal,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<TownProgressDto> {
    const record = await this.readModels.townFor(caller, minPosition, townId);
    return townProgress(townId, record.state, this.readModels.status.checkpoint);
  }
}
