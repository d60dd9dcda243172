import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { StepOf, type Step } from '../commands/step.decorator';
import { TownCommandsService } from './town-commands.service';
import {
  KeyScheduleDto,
  ProjectApprovalDto,
  ProjectProgressUpdateDto,
  RegisterProjectDto,
} from './town-projects.dto';

/** §III.2: a town's projects, their approvals through the green channel and their progress. */
@ApiTags('town steps')
@Controller('towns/:townId/projects')
export class TownProjectsController {
  constructor(private readonly commands: TownCommandsService) {}

  @CommandRoute('', { aggregate: 'town', type: 'RegisterProject' }, 'Register a project inside the town')
  register(
    @StepOf('townId') step: Step<'townId'>,
    @Body() dto: RegisterProjectDto,
  ): Promise<RecordedStepDto> {
    const { projectId, name, investmentPlannedYuan } = dto;
    return this.commands.send(
      step,
      { type: 'RegisterProject', data: { projectId, name, investmentPlannedYuan } },
      dto,
    );
  }

  @CommandRoute(
    ':projectId/key-schedule',
    { aggregate: 'town', type: 'ScheduleKeyProject' },
    "Record the project in the city's key-project schedule",
  )
  schedule(
    @StepOf('townId', 'projectId') step: Step<'townId' | 'projectId'>,
    @Body() dto: KeyScheduleDto,
  ): Promise<RecordedStepDto> {
    return this.commands.send(
      step,
      { type: 'ScheduleKeyProject', data: { projectId: step.projectId, reference: dto.reference } },
      dto,
    );
  }

  @CommandRoute(
    ':projectId/approvals',
    { aggregate: 'town', type: 'RecordProjectApproval' },
    'Record an approval of the project, with its dates',
  )
  approve(
    @StepOf('townId', 'projectId') step: Step<'townId' | 'projectId'>,
    @Body() dto: ProjectApprovalDto,
  ): Promise<RecordedStepDto> {
    const { procedure, appliedOn, approvedOn, greenChannel, fastTrack, reference } = dto;
    return this.commands.send(
      step,
      {
        type: 'RecordProjectApproval',
        data: {
          projectId: step.projectId,
          procedure,
          appliedOn,
          approvedOn,
          greenChannel,
          fastTrack,
          reference,
        },
      },
      dto,
    );
  }

  @CommandRoute(
    ':projectId/progress',
    { aggregate: 'town', type: 'RecordProjectProgress' },
    "Record the project's investment completed",
  )
  progress(
    @StepOf('townId', 'projectId') step: Step<'townId' | 'projectId'>,
    @Body() dto: ProjectProgressUpdateDto,
  ): Promise<RecordedStepDto> {
    const { investmentCompletedYuan, completed } = dto;
    return this.commands.send(
      step,
      {
        type: 'RecordProjectProgress',
        data: { projectId: step.projectId, investmentCompletedYuan, completed },
      },
      dto,
    );
  }
}
