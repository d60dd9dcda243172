import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { StepOf, type Step } from '../commands/step.decorator';
import { TownCommandsService } from './town-commands.service';
import { RecordFundingDto } from './town-funding.dto';

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
  record(@StepOf('townId') step: Step<'townId'>, @Body() dto: RecordFundingDto): Promise<RecordedStepDto> {
    const { year, source, amountYuan, reference, purpose } = dto;
    return this.commands.send(
      step,
      {
        type: 'RecordFunding',
        data: { year, source, amountYuan, reference, ...(purpose === undefined ? {} : { purpose }) },
      },
      dto,
    );
  }
}
