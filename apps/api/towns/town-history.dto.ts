import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RecordedEvent } from '../../../domain/shared/event-envelope';
import { RecordedStepDto } from '../commands/recorded-step.dto';

export class ActorDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'county-official' }) seat!: string;
  @ApiPropertyOptional({ example: 'luxi', description: "A county official's county." }) county?: string;
  @ApiPropertyOptional({ example: 'construction', description: "An inspector's member unit." }) unit?: string;
}

export class HistoryEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'TownApplied' }) type!: string;
  @ApiProperty({ description: '0-based version within the town stream.' }) streamVersion!: number;
  @ApiProperty({
    description: 'Position in the whole log: a 64-bit integer, as a decimal string.',
    example: '42',
  })
  globalPosition!: string;
  @ApiProperty({ format: 'date-time', description: 'When the fact became true.' }) occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When the store committed it.' }) recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty() causationId!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({ example: { id: 'pingxiang-2017', version: 'sha256…' } })
  policy?: { id: string; version: string };
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'On the first event of each step: the command it decided, `{ type, data }`.',
    example: { type: 'SubmitPlan', data: {} },
  })
  command?: { type: string; data: unknown };
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

/** An event of the record as the histories show it (the auditors' adds its hashes). */
export function historyEventDto(event: RecordedEvent): HistoryEventDto {
  return {
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
  };
}

export class TownHistoryDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty({ example: 'town-…' }) stream!: string;
  @ApiProperty({ type: [HistoryEventDto] }) events!: HistoryEventDto[];
}

export class TownAppliedResponseDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ type: [String] }) eventIds!: string[];
  @ApiProperty({ type: [String], description: 'Global positions of the recorded events.' })
  positions!: string[];
  @ApiProperty({ example: '/api/towns/…/history' }) historyUrl!: string;
  @ApiProperty({ example: '/api/towns/…', description: 'The town in the read models (also `Location`).' })
  townUrl!: string;
  @ApiProperty({
    example: 'batch-pingxiang-2017-2017',
    description: 'The batch that recorded the application.',
  })
  batchWorkflowId!: string;
  @ApiProperty({ type: RecordedStepDto, description: "The application as the batch's stream records it." })
  batchStep!: RecordedStepDto;
}
