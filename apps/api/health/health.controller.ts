import { Controller, Get, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../api.tokens';
import { Public } from '../auth/auth.decorators';
import { ReadModelsService } from '../read-models/read-models.service';

type Check = { status: 'up' } | { status: 'down'; error: string };

const checkTimeoutMs = 3_000;

class LiveDto {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
}

class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ example: 'pglite' }) kind?: string;
}

class ReadModelsStatusDto {
  @ApiProperty({ example: '42', description: 'Global position folded so far.' }) checkpoint!: string;
  @ApiProperty() running!: boolean;
  @ApiPropertyOptional({ description: 'Last failure following the store (it retries).' }) lastError?: string;
  @ApiProperty() skippedEvents!: number;
}

class ReadinessChecksDto {
  @ApiProperty({ type: CheckDto }) temporal!: CheckDto;
  @ApiProperty({ type: CheckDto }) eventStore!: CheckDto;
}

class ReadinessDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiProperty({ type: ReadinessChecksDto }) checks!: ReadinessChecksDto;
  @ApiProperty({ type: ReadModelsStatusDto, description: 'Informational: queries wait for it themselves.' })
  readModels!: ReadModelsStatusDto;
}

/** Open to anyone (load balancers, orchestrators), within the public rate limit. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModels: ReadModelsService,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ type: LiveDto, description: 'The API process is alive.' })
  live(): LiveDto {
    return { status: 'up' };
  }

  /** Ready when both Temporal and the event store answer; 503 otherwise, naming which is down. */
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto, description: 'Temporal and the event store both answer.' })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'At least one dependency is down.' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessDto> {
    const [temporal, eventStore] = await Promise.all([
      check(() =>
        this.temporal.connection.withDeadline(Date.now() + checkTimeoutMs, () =>
          this.temporal.workflowService.describeNamespace({ namespace: this.temporal.options.namespace }),
        ),
      ),
      check(() => withTimeout(this.store.checkHealth(), checkTimeoutMs)),
    ]);
    const up = temporal.status === 'up' && eventStore.status === 'up';
    response.status(up ? 200 : 503);
    const { checkpoint, running, lastError, skippedEvents } = this.readModels.status;
    return {
      status: up ? 'up' : 'down',
      checks: { temporal, eventStore: { ...eventStore, kind: this.store.kind } },
      readModels: {
        checkpoint: checkpoint.toString(),
        running,
        ...(lastError === undefined ? {} : { lastError }),
        skippedEvents,
      },
    };
  }
}

async function check(probe: () => Promise<unknown>): Promise<Check> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
