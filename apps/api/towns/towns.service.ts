import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { townName } from '../../../domain/shared/entity-names';
import { decideTown, initialTownState, type ApplyForTown } from '../../../domain/town';
import type { Principal } from '../../../infra/auth/principal';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { submitApplicationUpdate } from '../../../workflows/batch/batch.messages';
import {
  API_SETTINGS,
  EVENT_STORE,
  nowOf,
  programmeIdOf,
  TEMPORAL_CLIENT,
  type ApiSettings,
} from '../api.tokens';
import { batchNotOpen } from '../batches/batch-problems';
import { onBatchWorkflow } from '../batches/batch-workflow';
import { commandIdentity, recordedStepDto, type CommandRequest } from '../commands/command-meta';
import { sendCommand } from '../commands/send-command';
import { whenWorkflowMissing } from '../commands/workflow-missing';
import { uuidFromKey } from '../idempotency/idempotency-key';
import { ReadModelsService } from '../read-models/read-models.service';
import type { ApplyForTownDto } from './apply-for-town.dto';
import type { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { townUrl } from './town-views';

@Injectable()
export class TownsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /**
   * An application goes to its batch's workflow (docs/decisions/0061), which checks the window and the
   * county quota across batches, hands it to the town (which records it, or refuses it if it exists),
   * records it itself and answers once both streams hold it. The town's own decider runs here first, so
   * a bad application is refused before anything is sent. With an Idempotency-Key the town id and the
   * command id are derived from it (the town id per programme): a retry names the same command, which
   * the batch answers with the step it recorded (docs/decisions/0060).
   */
  async apply(
    dto: ApplyForTownDto,
    caller: Principal,
    request: CommandRequest,
  ): Promise<TownAppliedResponseDto> {
    const policy = this.settings.policy;
    const { meta, scope } = commandIdentity(caller, request, dto);
    const programmeId = programmeIdOf(this.settings);
    const townId = scope ? uuidFromKey(`town ${programmeId}`, scope) : randomUUID();
    const data = {
      townId,
      name: dto.name,
      county: dto.county,
      kind: dto.kind,
      industry: dto.industry,
      ...(dto.industryDescription === undefined ? {} : { industryDescription: dto.industryDescription }),
      ...(dto.declarations === undefined ? {} : { declarations: dto.declarations }),
    };
    const command: ApplyForTown = { type: 'ApplyForTown', data: { ...data, batchId: dto.batchId } };
    // Refuses (400 naming the field, or 409) before anything is sent; the batch decides again.
    decideTown(command, initialTownState, {
      now: nowOf(this.settings),
      actor: meta.actor,
      policy,
      commandId: meta.commandId,
    });
    await this.store.checkHealth();

    const { workflowId, result: recorded } = await whenWorkflowMissing(
      onBatchWorkflow(programmeId, dto.batchId, (batchWorkflowId) =>
        sendCommand(this.temporal, this.settings, {
          workflowId: batchWorkflowId,
          update: submitApplicationUpdate,
          args: [{ data, meta }],
        }),
      ),
      () => batchNotOpen(dto.batchId),
    );
    this.readModels.recordWrite(caller.userId, [...recorded.batch.positions, ...recorded.town.positions]);
    return {
      townId,
      workflowId: recorded.townWorkflowId,
      eventIds: [...recorded.town.eventIds],
      positions: [...recorded.town.positions],
      historyUrl: `${townUrl(townId)}/history`,
      townUrl: townUrl(townId),
      batchWorkflowId: workflowId,
      batchStep: recordedStepDto(workflowId, recorded.batch),
    };
  }

  /** Straight from the store (not the read models): the record itself, for auditors. */
  async history(townId: string): Promise<TownHistoryDto | undefined> {
    const stream = townName(townId);
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
        // On the first event of each step: what was asked, so the step can be decided again.
        ...(event.metadata.command ? { command: { ...event.metadata.command } } : {}),
        data: event.data as Record<string, unknown>,
      })),
    };
  }
}
