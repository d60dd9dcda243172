import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Client } from '@temporalio/client';
import type { Response } from 'express';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { EVENT_STORE, TEMPORAL_CLIENT } from '../api.tokens';

type Check = { status: 'up' } | { status: 'down'; error: string };

const checkTimeoutMs = 3_000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @ApiOkResponse({ description: 'The API process is alive.' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** Ready when both Temporal and the event store answer; 503 otherwise, naming which is down. */
  @Get('ready')
  @ApiOkResponse({ description: 'Temporal and the event store both answer.' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down.' })
  async ready(@Res({ passthrough: true }) response: Response) {
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
    return {
      status: up ? 'up' : 'down',
      checks: { temporal, eventStore: { ...eventStore, kind: this.store.kind } },
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
