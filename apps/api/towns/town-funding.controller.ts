import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { Caller } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { TownCommandsService } from './town-commands.service';
import { RecordFundingDto } from './town-funding.dto';
import { townIdPipe } from '../shared/town-problems';

/** §III.5 "以县为主、乡镇为辅、市奖补": money for the town, by source and year. */
@ApiTags('town steps')
@Controller('towns/:townId')
export class TownFundingController {
  constructor(private readonly commands: TownCommandsService) {}

  @CommandRoute(
    'funding',
    { aggregate: 'town', type: 'RecordFunding' },
    'Record money for the town from a source',
  )
  record(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: RecordFundingDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { year, source, amountYuan, reference, purpose } = dto;
    return this.commands.send(
      townId,
      {
        type: 'RecordFunding',
        data: { year, source, amountYuan, reference, ...(purpose === undefined ? {} : { purpose }) },
      },
      caller,
      request,
      dto,
    );
  }
}
