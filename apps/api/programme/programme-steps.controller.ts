import { Body, Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { programmeStateFor } from '../../../domain/access/read-projections';
import type { ReadScope } from '../../../domain/access/authorize';
import { programmeDecider } from '../../../domain/programme';
import { closeProgrammeUpdate } from '../../../workflows/programme/programme.messages';
import { API_SETTINGS, programmeIdOf, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { Reads, Scope } from '../auth/auth.decorators';
import { commandIdentity, recordedStepDto } from '../commands/command-meta';
import { CommandRoute } from '../commands/command-route.decorator';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { sendCommand } from '../commands/send-command';
import { StepOf, type Step } from '../commands/step.decorator';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { bilingualProblem } from '../errors/problem';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { ReadModelsService } from '../read-models/read-models.service';
import { programmeAsRecorded } from './programme-view';
import { ProgrammeViewDto } from './programme-view.dto';

/** Closing the programme needs no data. */
export class CloseProgrammeDto {}

const programmeNotRunning = () =>
  bilingualProblem(409, 'PROGRAMME_NOT_RUNNING', 'Conflict', {
    en: 'The programme is not running: it has not been started.',
    zh: '本计划未在运行：尚未启动。',
  });

/** The programme's own workflow: its view, and the joint meeting closing it. */
@ApiTags('programme')
@Controller('programme')
export class ProgrammeStepsController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  private get workflowId(): string {
    return programmeDecider.streamOf(programmeIdOf(this.settings));
  }

  @Get()
  @Reads('programme')
  @HeavyRead()
  @ApiOkResponse({
    type: ProgrammeViewDto,
    description:
      "The programme as its workflow holds it; a county official's view holds their own county's towns only.",
  })
  @ApiProblems(401, 403, 409, 429, 503)
  async view(@Scope() scope: ReadScope): Promise<ProgrammeViewDto> {
    const recorded = await whenWorkflowMissing(
      programmeAsRecorded(this.temporal, this.workflowId, this.readModels),
      programmeNotRunning,
    );
    const { view } = recorded;
    const { state, ratings } = programmeStateFor(recorded, scope);
    return {
      programmeId: view.programmeId,
      workflowId: this.workflowId,
      policyId: view.policyId,
      policyVersion: view.policyVersion,
      streamVersion: view.streamVersion,
      status: state.status,
      state: { ...state, ratings },
    };
  }

  @CommandRoute('closure', { aggregate: 'programme', type: 'CloseProgramme' }, 'Close the programme')
  async close(@StepOf() { caller, request }: Step, @Body() dto: CloseProgrammeDto): Promise<RecordedStepDto> {
    const { meta } = commandIdentity(caller, request, dto);
    const step = await whenWorkflowMissing(
      sendCommand(this.temporal, this.settings, {
        workflowId: this.workflowId,
        update: closeProgrammeUpdate,
        args: [{ meta }],
      }),
      programmeNotRunning,
    );
    this.readModels.recordWrite(caller.userId, step.positions);
    return recordedStepDto(this.workflowId, step);
  }
}
