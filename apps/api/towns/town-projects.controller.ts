import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { Caller } from '../auth/auth.decorators';
import type { CommandRequest } from '../commands/command-meta';
import { CommandRequestOf } from '../commands/command-request.decorator';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { TownCommandsService } from './town-commands.service';
import {
  KeyScheduleDto,
  ProjectApprovalDto,
  ProjectProgressUpdateDto,
  RegisterProjectDto,
} from './town-projects.dto';
import { townIdPipe } from '../shared/town-problems';

/** §III.2: a town's projects, their approvals through the green channel and their progress. */
@ApiTags('town steps')
@Controller('towns/:townId/projects')
export class TownProjectsController {
  constructor(private readonly commands: TownCommandsService) {}

  @CommandRoute('', { aggregate: 'town', type: 'RegisterProject' }, 'Register a project inside the town')
  register(
    @Param('townId', townIdPipe) townId: string,
    @Body() dto: RegisterProjectDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { projectId, name, investmentPlannedYuan } = dto;
    return this.commands.send(
      townId,
      { type: 'RegisterProject', data: { projectId, name, investmentPlannedYuan } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute(
    ':projectId/key-schedule',
    { aggregate: 'town', type: 'ScheduleKeyProject' },
    "Record the project in the city's key-project schedule",
  )
  schedule(
    @Param('townId', townIdPipe) townId: string,
    @Param('projectId') projectId: string,
    @Body() dto: KeyScheduleDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    return this.commands.send(
      townId,
      { type: 'ScheduleKeyProject', data: { projectId, reference: dto.reference } },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute(
    ':projectId/approvals',
    { aggregate: 'town', type: 'RecordProjectApproval' },
    'Record an approval of the project, with its dates',
  )
  approve(
    @Param('townId', townIdPipe) townId: string,
    @Param('projectId') projectId: string,
    @Body() dto: ProjectApprovalDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { procedure, appliedOn, approvedOn, greenChannel, fastTrack, reference } = dto;
    return this.commands.send(
      townId,
      {
        type: 'RecordProjectApproval',
        data: { projectId, procedure, appliedOn, approvedOn, greenChannel, fastTrack, reference },
      },
      caller,
      request,
      dto,
    );
  }

  @CommandRoute(
    ':projectId/progress',
    { aggregate: 'town', type: 'RecordProjectProgress' },
    "Record the project's investment completed",
  )
  progress(
    @Param('townId', townIdPipe) townId: string,
    @Param('projectId') projectId: string,
    @Body() dto: ProjectProgressUpdateDto,
    @Caller() caller: Principal,
    @CommandRequestOf() request: CommandRequest,
  ): Promise<RecordedStepDto> {
    const { investmentCompletedYuan, completed } = dto;
    return this.commands.send(
      townId,
      { type: 'RecordProjectProgress', data: { projectId, investmentCompletedYuan, completed } },
      caller,
      request,
      dto,
    );
  }
}
