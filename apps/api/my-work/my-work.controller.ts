import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
import { Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { ReadOf, type Read } from '../read-models/read-route.decorator';
import { ReadModelsService } from '../read-models/read-models.service';
import { MyWorkDto } from './my-work.dto';
import { myWorkOf } from './my-work';

/** The console's home page in one request: computed from the read models, under the seat's read rules. */
@ApiTags('my work')
@Controller('my-work')
export class MyWorkController {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get()
  @Reads('town-list')
  @ApiOkResponse({
    type: MyWorkDto,
    description:
      "What needs the caller's seat: towns and batches with a step of this seat, deadlines within 30 days, overdue items, reminders.",
  })
  @ApiProblems(401, 403, 503)
  async myWork(@ReadOf() read: Read): Promise<MyWorkDto> {
    await this.readModels.catchUpFor(read);
    const work = myWorkOf(this.readModels.models, read.caller, read.scope, {
      now: nowOf(this.settings),
      policy: this.settings.policy,
    });
    return { ...work, asOfPosition: this.readModels.status.checkpoint.toString() };
  }
}
