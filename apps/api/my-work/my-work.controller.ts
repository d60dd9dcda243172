import { Controller, Get, Inject } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ReadScope } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
import { Caller, Reads, Scope } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { MinPosition } from '../read-models/min-position';
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
  @ApiHeader({ name: 'X-Min-Position', required: false, description: 'Wait for this global position.' })
  @ApiOkResponse({
    type: MyWorkDto,
    description:
      "What needs the caller's seat: towns and batches with a step of this seat, deadlines within 30 days, overdue items, reminders.",
  })
  @ApiProblems(401, 403, 503)
  async myWork(
    @Caller() caller: Principal,
    @Scope() scope: ReadScope,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<MyWorkDto> {
    await this.readModels.catchUpFor(caller, minPosition);
    const work = myWorkOf(this.readModels.models, caller, scope, {
      now: nowOf(this.settings),
      policy: this.settings.policy,
    });
    return { ...work, asOfPosition: this.readModels.status.checkpoint.toString() };
  }
}
