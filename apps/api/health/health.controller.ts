import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { isGrpcServiceError, ServiceError, type Client } from '@temporalio/client';
import type { Response } from 'express';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { batchViewQuery } from '../../../workflows/batch/batch.messages';
import {
  API_SETTINGS,
  EVENT_STORE,
  nowOf,
  programmeIdOf,
  TEMPORAL_CLIENT,
  type ApiSettings,
} from '../api.tokens';
import { Public } from '../auth/auth.decorators';
import { onBatchWorkflow } from '../shared/batch-workflow';
import { ReadModelsService } from '../read-models/read-models.service';
import { storeHealthCheckMs, withTimeout } from '../shared/store-health';
import { LiveDto, ReadinessDto } from './health.dto';
import { batchWindowOpenAt, readinessVerdict, type Check, type ReadinessChecks } from './readiness';
import { StartupCatchUp } from './startup-catch-up';

const checkTimeoutMs = storeHealthCheckMs;

/** Open to anyone (load balancers, orchestrators), within the public rate limit. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  private readonly catchUp: StartupCatchUp;

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {
    this.catchUp = new StartupCatchUp(store, readModels);
  }

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ type: LiveDto, description: 'The API process is alive.' })
  live(): LiveDto {
    return { status: 'up' };
  }

  /**
   * Ready when an official's request would be served: Temporal and the store answer, the batch whose
   * window is open has opened, the read models have caught up (readiness.ts). 503 with Retry-After
   * otherwise, naming what is not ready.
   */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Ready to serve officials.' })
  @ApiServiceUnavailableResponse({
    type: ReadinessDto,
    description:
      'A dependency is down or the system is still starting; `Retry-After` says when to ask again.',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessDto> {
    const [temporal, eventStore, programmeOf, readModels] = await Promise.all([
      check(() =>
        this.temporal.connection.withDeadline(Date.now() + checkTimeoutMs, () =>
          this.temporal.workflowService.describeNamespace({ namespace: this.temporal.options.namespace }),
        ),
      ),
      check(() =>
        withTimeout(
          this.store.checkHealth(),
          checkTimeoutMs,
          () => new Error(`no answer within ${checkTimeoutMs} ms`),
        ),
      ),
      this.programmeCheck(),
      this.catchUp.check(),
    ]);
    const { programme, workers } = programmeOf;
    const verdict = readinessVerdict({
      temporal,
      eventStore,
      programme,
      readModels,
      ...(workers ? { workers } : {}),
    });
    response.status(verdict.ready ? 200 : 503);
    if (verdict.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(verdict.retryAfterSeconds));
    const { checkpoint, running, lastError, skippedEvents } = this.readModels.status;
    return {
      status: verdict.ready ? 'up' : 'down',
      checks: {
        temporal,
        eventStore: { ...eventStore, kind: this.store.kind },
        programme,
        readModels,
        ...(workers ? { workers } : {}),
      },
      readModels: {
        checkpoint: checkpoint.toString(),
        running,
        ...(lastError === undefined ? {} : { lastError }),
        skippedEvents,
      },
    };
  }

  /**
   * The batch the calendar says is taking applications has opened in its workflow (asked, not assumed);
   * a query no worker answered in time says the workers are down, not that the batch is still opening.
   */
  private async programmeCheck(): Promise<Pick<ReadinessChecks, 'programme' | 'workers'>> {
    const due = batchWindowOpenAt(this.settings.policy, nowOf(this.settings));
    if (due === undefined) return { programme: { status: 'up' } };
    let unanswered = false;
    const opened = await check(async () => {
      const { result: view } = await this.temporal.connection
        .withDeadline(Date.now() + checkTimeoutMs, () =>
          onBatchWorkflow(programmeIdOf(this.settings), due.batchId, (workflowId) =>
            this.temporal.workflow.getHandle(workflowId).query(batchViewQuery),
          ),
        )
        .catch((error: unknown) => {
          unanswered = pastItsDeadline(error);
          throw unanswered ? new Error(`no worker answered its query within ${checkTimeoutMs} ms`) : error;
        });
      if (view.state.status !== 'open') throw new Error(`it is ${view.state.status}`);
    });
    if (opened.status === 'up') return { programme: opened, workers: opened };
    if (unanswered) {
      const error = `batch ${due.batchId} could not be asked whether it is open: ${opened.error}`;
      return { programme: { status: 'down', error }, workers: { status: 'down', error: opened.error } };
    }
    const error = `batch ${due.batchId} is not open for applications yet: ${opened.error}`;
    return { programme: { status: 'down', error } };
  }
}

const grpcDeadlineExceeded = 4;

/** A call the client gave up on at its deadline (the query's, not the server's refusal). */
function pastItsDeadline(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (!isGrpcServiceError(grpc)) return false;
  const code: number = grpc.code;
  return code === grpcDeadlineExceeded;
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}
