import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { defineSearchAttributeKey } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { findCounty } from '../../../domain/policy/policy-rules';
import type { Actor } from '../../../domain/shared/event-envelope';
import { decideTown, initialTownState, type TownCommand } from '../../../domain/town';
import type { TownApplied } from '../../../domain/town/town.events';
import type { Access } from '../../../infra/auth/authorize';
import type { Principal } from '../../../infra/auth/principal';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { townCommandUpdate, townStream, townWorkflowId } from '../../../workflows/town/town.messages';
import { townWorkflow } from '../../../workflows/town/town.workflow';
import { API_SETTINGS, EVENT_STORE, TEMPORAL_CLIENT, type ApiSettings } from '../api.tokens';
import { requireAccess } from '../auth/require-access';
import {
  idempotencyScope,
  requestFingerprint,
  updateIdFromKey,
  uuidFromKey,
} from '../idempotency/idempotency-key';
import { ReadModelsService } from '../read-models/read-models.service';
import type { ApplyForTownDto } from './apply-for-town.dto';
import type { TownAppliedResponseDto, TownHistoryDto } from './town-history.dto';
import { townUrl } from './town-views';

const townCounty = defineSearchAttributeKey('TownCounty', 'KEYWORD');
const townBatch = defineSearchAttributeKey('TownBatch', 'KEYWORD');
const townStatus = defineSearchAttributeKey('TownStatus', 'KEYWORD');

const applyAccess: Access = { kind: 'command', command: { aggregate: 'town', type: 'ApplyForTown' } };
const historyAccess: Access = { kind: 'read', resource: 'town-history' };

export interface CommandRequest {
  /** Recorded on every event as the request id and the correlation id. */
  readonly requestId: string;
  readonly idempotencyKey: string | undefined;
}

/** The acting official as the events record them: the token's subject, seat and county. */
export function actorOf(caller: Principal): Actor {
  return { userId: caller.userId, seat: caller.seat, ...(caller.county ? { county: caller.county } : {}) };
}

@Injectable()
export class TownsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
    private readonly readModels: ReadModelsService,
  ) {}

  /**
   * Starts the town's workflow and applies in one step (update-with-start), answering only once the
   * application event is in the store. The same decider runs here first, so a bad application is
   * refused before anything is started. With an Idempotency-Key, the town id and the Update id are
   * derived from it: a retry reaches the same workflow with the same Update, which Temporal answers
   * from the first attempt instead of applying again (docs/decisions/0031-idempotency-keys.md).
   */
  async apply(
    dto: ApplyForTownDto,
    caller: Principal,
    request: CommandRequest,
  ): Promise<TownAppliedResponseDto> {
    const policy = this.settings.policy;
    const county = findCounty(policy, dto.county);
    // An unknown county is the decider's to refuse (400 naming the field); a known one must be the caller's.
    if (county) requireAccess(caller, applyAccess, { county: county.code });

    const scope =
      request.idempotencyKey === undefined
        ? undefined
        : idempotencyScope(caller.userId, request.idempotencyKey);
    const townId = scope ? uuidFromKey('town', scope) : randomUUID();
    const commandId = scope ? uuidFromKey('apply', scope) : randomUUID();
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
    const actor = actorOf(caller);
    const [applied] = decideTown(command, initialTownState, {
      now: new Date().toISOString(),
      actor,
      policy,
      commandId,
    }) as TownApplied[];
    await this.store.checkHealth();

    const workflowId = townWorkflowId(townId);
    const start = new WithStartWorkflowOperation(townWorkflow, {
      workflowId,
      taskQueue: this.settings.taskQueue,
      args: [{ townId, policy }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: townCounty, value: applied?.data.county ?? dto.county },
        { key: townBatch, value: dto.batchId },
        { key: townStatus, value: 'applied' },
      ],
    });
    const step = await this.temporal.workflow.executeUpdateWithStart(townCommandUpdate, {
      args: [
        {
          command,
          meta: { actor, commandId, correlationId: request.requestId, requestId: request.requestId },
        },
      ],
      startWorkflowOperation: start,
      ...(scope ? { updateId: updateIdFromKey(scope, requestFingerprint('POST', 'towns', dto)) } : {}),
    });
    this.readModels.recordWrite(caller.userId, step.positions);
    return {
      townId,
      workflowId,
      eventIds: [...step.eventIds],
      positions: [...step.positions],
      historyUrl: `${townUrl(townId)}/history`,
      townUrl: townUrl(townId),
    };
  }

  /** Straight from the store (not the read models): the record itself, for auditors. */
  async history(townId: string, caller: Principal): Promise<TownHistoryDto | undefined> {
    const stream = townStream(townId);
    const events = await this.store.readStream(stream);
    const first = events[0];
    if (!first) return undefined;
    const county = (first.data as Partial<TownApplied['data']>).county;
    // A town stream starts with TownApplied; if it somehow does not, no county official may read it.
    requireAccess(caller, historyAccess, { county: typeof county === 'string' ? county : 'unknown' });
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
