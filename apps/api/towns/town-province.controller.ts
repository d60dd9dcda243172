import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { Caller } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { TownCommandsService } from './town-commands.service';
import { townIdPipe } from '../shared/town-problems';
import { ProvincialDecisionDto } from './town-province.dto';

/** The province's side of the recommendation: the city records each answer as a step of the town. */
@ApiTags('town steps')
@Controller('towns/:townId')
export class TownProvinceController {
  constructor(private readonly commands: TownCommandsService) {}

  @CommandRoute(
    'provincial-decision',
    { aggregate: 'town', type: 'RecordProvincialDecision' },
    "Record the province's answer to a recommendation",
  )
  recordProvincialDecision(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: ProvincialDecisionDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { reviewYear, listed, reference } = dto;
    return this.commands.send(
      townId,
      { type: 'RecordProvincialDecision', data: { reviewYear, listed, reference } },
      caller,
      request,
      dto,
    );
  }
}
