import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { defineSearchAttributeKey } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../domain/shared/event-envelope';
import { decideTown, initialTownState, type TownCommand } from '../../../domain/town';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { townCommandUpdate, townStream, townWorkflowId } from '../../../workflows/town/town.messages';
import { townWorkflow } from '../../../workflows/town/town.workflow';
import { API_SETTINGS, EVENT_STORE, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import type { ApplyForTownDto } from './apply-for-town.dto';
import type { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';

const townCounty = defineSearchAttributeKey('TownCounty', 'KEYWORD');
const townBatch = defineSearchAttributeKey('TownBatch', 'KEYWORD');
const townStatus = defineSearchAttributeKey('TownStatus', 'KEYWORD');

@Injectable()
export class TownsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /**
   * Starts the town's workflow and applies in one step (update-with-start), answering only once the
   * application event is in the store. The same decider runs here first, so a bad application is
   * refused before anything is started.
   */
  async apply(
    dto: ApplyForTownDto,
    userId: string,
    requestId: string | undefined,
  ): Promise<TownAppliedResponseDto> {
    const townId = randomUUID();
    const policy = this.settings.policy;
    const command: TownCommand = {
      type: 'ApplyForTown',
      data: {
        townId,
        batchId: dto.batchId,
        name: dto.name,
        county: dto.county,
        kind: dto.kind,
        industry: dto.industry,
      },
    };
    const provisionalActor: Actor = { userId, seat: 'county-official', county: dto.county };
    const commandId = randomUUID();
    const [applied] = decideTown(command, initialTownState, {
      now: new Date().toISOString(),
      actor: provisionalActor,
      policy,
      commandId,
    });
    const county = applied?.type === 'TownApplied' ? applied.data.county : dto.county;
    await this.store.checkHealth();

    const workflowId = townWorkflowId(townId);
    const start = new WithStartWorkflowOperation(townWorkflow, {
      workflowId,
      taskQueue: this.settings.taskQueue,
      args: [{ townId, policy }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: townCounty, value: county },
        { key: townBatch, value: dto.batchId },
        { key: townStatus, value: 'applied' },
      ],
    });
    const step = await this.temporal.workflow.executeUpdateWithStart(townCommandUpdate, {
      args: [
        {
          command,
          meta: {
            actor: { userId, seat: 'county-official', county },
            commandId,
            correlationId: requestId ?? commandId,
            ...(requestId ? { requestId } : {}),
          },
        },
      ],
      startWorkflowOperation: start,
    });
    return {
      townId,
      workflowId,
      eventIds: [...step.eventIds],
      positions: [...step.positions],
      historyUrl: `/api/towns/${townId}/history`,
    };
  }

  async history(townId: string): Promise<TownHistoryDto | undefined> {
    const stream = townStream(townId);
    const events = await this.store.readStream(stream);
    if (events.length === 0) return undefined;
    return {
      townId,
      stream,
      events: events.map((event) => ({
        id: event.id,
        type: event.type,
        streamVersion: event.streamVersion,
        globalPosition: event.globalPosition.toString(),
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        actor: { ...event.metadata.actor },
        causationId: event.metadata.causationId,
        correlationId: event.metadata.correlationId,
        ...(event.metadata.policy ? { policy: { ...event.metadata.policy } } : {}),
        data: event.data as Record<string, unknown>,
      })),
    };
  }
}
