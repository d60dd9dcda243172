import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ReadOf, type Read } from '../read-models/read-route.decorator';
import { ReadModelsService } from '../read-models/read-models.service';
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
  async progress(@ReadOf('townId') read: Read<'townId'>): Promise<TownProgressDto> {
    const record = await this.readModels.townFor(read);
    return townProgress(read.townId, record.state, this.readModels.status.checkpoint);
  }
}
