import { Inject, Injectable } from '@nestjs/common';
import { Client, type UpdateDefinition } from '@temporalio/client';
import { findBatch } from '../../../domain/policy/policy-rules';
import type { Principal } from '../../../infra/auth/principal';
import {
  batchAllowedQuery,
  batchViewQuery,
  type BatchStepRequest,
} from '../../../workflows/batch/batch.messages';
import type { RecordedStep } from '../../../workflows/shared/stream-command-runner';
import { API_SETTINGS, nowOf, programmeIdOf, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { commandIdentity, recordedStepDto, type CommandRequest } from '../commands/command-meta';
import type { RecordedStepDto } from '../commands/recorded-step.dto';
import { sendCommand } from '../commands/send-command';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { validationProblem } from '../errors/problem';
import { ReadModelsService } from '../read-models/read-models.service';
import { batchNotFound, batchNotOpen } from './batch-problems';
import { batchApplicants, batchCountyPlaces } from './batch-applicants';
import { onBatchWorkflow } from './batch-workflow';
import { queryWorkflow } from '../commands/query-workflow';
import type { BatchViewDto } from './batch-view.dto';
import { batchStateFor } from '../../../domain/access/read-projections';
import type { ReadScope } from '../../../domain/access/authorize';

/** The joint meeting's steps on a batch, each one Update on the batch's workflow. */
@Injectable()
export class BatchesService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /**
   * Runs `call` on the batch's workflow (whichever name it has, batch-workflow.ts): 404 for a batch the
   * pack does not have, 409 for one whose workflow is not running.
   */
  private onBatch<T>(batchId: string, call: (workflowId: string) => Promise<T>) {
    if (!findBatch(this.settings.policy, batchId)) throw batchNotFound(batchId);
    return whenWorkflowMissing(onBatchWorkflow(programmeIdOf(this.settings), batchId, call), () =>
      batchNotOpen(batchId),
    );
  }

  /** One score per criterion of the pack, within its range: a 400 naming the field otherwise. */
  checkScores(scores: Readonly<Record<string, number>>): void {
    const { criteria, maxCriterionScore } = this.settings.policy.selection;
    const codes = criteria.map((criterion) => criterion.code);
    const problems = [
      ...Object.keys(scores)
        .filter((code) => !codes.includes(code))
        .map((code) => ({
          field: `scores.${code}`,
          code: 'UNKNOWN_CODE',
          message: `"${code}" is not a criterion`,
        })),
      ...codes
        .filter((code) => scores[code] === undefined)
        .map((code) => ({
          field: `scores.${code}`,
          code: 'REQUIRED',
          message: `a score for "${code}" is required`,
        })),
      ...Object.entries(scores)
        .filter(([, value]) => value > maxCriterionScore)
        .map(([code]) => ({
          field: `scores.${code}`,
          code: 'INVALID_MAX',
          message: `scores.${code} must not be greater than ${maxCriterionScore}`,
        })),
    ];
    if (problems.length > 0) throw validationProblem(problems);
  }

  async send<D>(
    batchId: string,
    update: UpdateDefinition<RecordedStep, [BatchStepRequest<D>]>,
    data: D,
    caller: Principal,
    request: CommandRequest,
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

  /** Straight from the workflow: the batch's state is not in the read models' town-centred shape. */
  async view(batchId: string, caller: Principal, scope: ReadScope): Promise<BatchViewDto> {
    const {
      workflowId,
      result: [view, allowed],
    } = await this.onBatch(batchId, (batchWorkflowId) =>
      Promise.all([
        queryWorkflow(this.temporal, batchWorkflowId, batchViewQuery),
        queryWorkflow(this.temporal, batchWorkflowId, batchAllowedQuery, {
          seat: caller.seat,
          ...(caller.county ? { county: caller.county } : {}),
        }),
      ]),
    );
    const readable = batchStateFor(view.state, scope);
    return {
      programmeId: view.programmeId,
      batchId: view.batchId,
      workflowId,
      policyId: view.policyId,
      policyVersion: view.policyVersion,
      streamVersion: view.streamVersion,
      status: view.state.status,
      now: nowOf(this.settings),
      window: {
        opensAt: view.state.opensAt,
        closesAt: view.state.closesAt,
        listDueAt: view.state.listDueAt,
        publishedAt: view.state.publishedAt,
      },
      applicants: batchApplicants(readable, this.settings.policy),
      counties: batchCountyPlaces(readable, this.settings.policy, scope.county),
      state: { ...readable },
      allowedSteps: [...allowed[caller.seat]],
    };
  }
}
