import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { StepOf, type Step } from '../commands/step.decorator';
import { TownCommandsService } from './town-commands.service';
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
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: ProvincialDecisionDto,
  ): Promise<RecordedStepDto> {
    const { reviewYear, listed, reference } = dto;
    return this.commands.send(
      step,
      { type: 'RecordProvincialDecision', data: { reviewYear, listed, reference } },
      dto,
    );
  }
}
