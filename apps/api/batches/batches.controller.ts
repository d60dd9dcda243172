import { Body, Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Client, type UpdateDefinition } from '@temporalio/client';
import type { ReadScope } from '../../../domain/access/authorize';
import { batchStateFor } from '../../../domain/access/read-projections';
import { findBatch } from '../../../domain/policy/policy-rules';
import type { Principal } from '../../../infra/auth/principal';
import {
  batchAllowedQuery,
  decideListUpdate,
  publishListUpdate,
  recordDefenceScoreUpdate,
  type BatchStepRequest,
} from '../../../workflows/batch/batch.messages';
import type { RecordedStep } from '../../../workflows/shared/stream-step';
import { API_SETTINGS, nowOf, programmeIdOf, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { Caller, Reads, Scope } from '../auth/auth.decorators';
import { commandIdentity, recordedStepDto } from '../commands/command-meta';
import { CommandRoute } from '../commands/command-route.decorator';
import { queryWorkflow } from '../commands/query-workflow';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { sendCommand } from '../commands/send-command';
import { StepOf, type Step } from '../commands/step.decorator';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { ReadModelsService } from '../read-models/read-models.service';
import { batchNotFound, batchNotOpen } from '../shared/batch-problems';
import { onBatchWorkflow } from '../shared/batch-workflow';
import { batchApplicants, batchCountyPlaces } from './batch-applicants';
import { batchAsRecorded } from './batch-view';
import { DefenceScoreDto, ListDecisionDto, PublicationDto } from './batch-commands.dto';
import { BatchViewDto } from './batch-view.dto';

/** A batch's view, and the joint meeting's steps on it, each one Update on the batch's workflow. */
@ApiTags('batches')
@Controller('batches/:batchId')
export class BatchesController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /** The workflow's view, its applications, scores and lists from the read models' fold (decision 0098). */
  @Get()
  @Reads('batch')
  @HeavyRead()
  @ApiOkResponse({ type: BatchViewDto, description: "The batch's state and the caller's next steps." })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503)
  async view(
    @Param('batchId') batchId: string,
    @Caller() caller: Principal,
    @Scope() scope: ReadScope,
  ): Promise<BatchViewDto> {
    const {
      workflowId,
      result: [{ view, state }, allowed],
    } = await this.onBatch(batchId, (batchWorkflowId) =>
      Promise.all([
        batchAsRecorded(this.temporal, batchWorkflowId, this.readModels),
        queryWorkflow(this.temporal, batchWorkflowId, batchAllowedQuery, {
          seat: caller.seat,
          ...(caller.county ? { county: caller.county } : {}),
        }),
      ]),
    );
    const readable = batchStateFor(state, scope);
    return {
      programmeId: view.programmeId,
      batchId: view.batchId,
      workflowId,
      policyId: view.policyId,
      policyVersion: view.policyVersion,
      streamVersion: view.streamVersion,
      status: state.status,
      now: nowOf(this.settings),
      window: {
        opensAt: state.opensAt,
        closesAt: state.closesAt,
        listDueAt: state.listDueAt,
        publishedAt: state.publishedAt,
      },
      applicants: batchApplicants(readable, this.settings.policy),
      counties: batchCountyPlaces(readable, this.settings.policy, scope.county),
      state: { ...readable },
      allowedSteps: [...allowed[caller.seat]],
    };
  }

  @CommandRoute(
    'defence-scores',
    { aggregate: 'batch', type: 'RecordDefenceScore' },
    "Record one applicant's defence scores",
  )
  recordDefenceScore(
    @StepOf('batchId') step: Step<'batchId'>,
    @Body() dto: DefenceScoreDto,
  ): Promise<RecordedStepDto> {
    const data = {
      townId: dto.townId,
      scores: dto.scores,
      ...(dto.conditions === undefined ? {} : { conditions: dto.conditions }),
    };
    return this.send(step, recordDefenceScoreUpdate, data, dto);
  }

  @CommandRoute('list-decision', { aggregate: 'batch', type: 'DecideList' }, 'Decide the list')
  decideList(
    @StepOf('batchId') step: Step<'batchId'>,
    @Body() dto: ListDecisionDto,
  ): Promise<RecordedStepDto> {
    return this.send(step, decideListUpdate, { listed: dto.listed }, dto);
  }

  @CommandRoute('publication', { aggregate: 'batch', type: 'PublishList' }, 'Publish the list')
  publish(@StepOf('batchId') step: Step<'batchId'>, @Body() dto: PublicationDto): Promise<RecordedStepDto> {
    return this.send(step, publishListUpdate, {}, dto);
  }

  /**
   * Runs `call` on the batch's workflow (whichever name it has, shared/batch-workflow.ts): 404 for a
   * batch the pack does not have, 409 for one whose workflow is not running.
   */
  private onBatch<T>(batchId: string, call: (workflowId: string) => Promise<T>) {
    if (!findBatch(this.settings.policy, batchId)) throw batchNotFound(batchId);
    return whenWorkflowMissing(onBatchWorkflow(programmeIdOf(this.settings), batchId, call), () =>
      batchNotOpen(batchId),
    );
  }

  private async send<D>(
    { batchId, caller, request }: Step<'batchId'>,
    update: UpdateDefinition<RecordedStep, [BatchStepRequest<D>]>,
    data: D,
    body: unknown,
  ): Promise<RecordedStepDto> {
    const { meta } = commandIdentity(caller, request, body);
    const { workflowId, result: step } = await this.onBatch(batchId, (batchWorkflowId) =>
      sendCommand(this.temporal, this.settings, {
        workflowId: batchWorkflowId,
        update,
        args: [{ data, meta }],
      }),
    );
    this.readModels.recordWrite(caller.userId, step.positions);
    return recordedStepDto(workflowId, step);
  }
}
