import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { auditJobKinds, type AuditJobKind } from '../../../activities/audit-jobs.types';
import { OptionalField, TextField, TextListField } from '../http/text-field';
import { IsUuid, uuidProperty } from '../http/uuid';

export const maxReplayWorkflowIds = 100;

/**
 * `POST /api/audit/jobs`. One body for every kind (decision 0050 says why not a discriminated body):
 * each option belongs to the kinds its description names, and is refused for any other.
 */
export class StartAuditJobDto {
  @ApiProperty({
    enum: auditJobKinds,
    description:
      '`verify`: the log against its hashes and checkpoints. `replay`: Temporal histories against the current workflow code. ' +
      '`redecide`: every recorded step decided again. `export`: a signed audit bundle.',
  })
  @IsIn(auditJobKinds)
  kind!: AuditJobKind;

  @ApiPropertyOptional({
    ...uuidProperty,
    description:
      "`export`: this town's bundle (every other event redacted); without it, the whole programme's. `redecide`: this town only.",
  })
  @OptionalField()
  @IsUuid()
  townId?: string;

  @OptionalField()
  @TextListField({
    maxLength: 255,
    minItems: 1,
    maxItems: maxReplayWorkflowIds,
    example: 'town-…',
    description:
      "`replay`: every run of these workflows; without it, every run on the programme's task queue.",
  })
  workflowIds?: string[];

  @TextField({
    maxLength: 100,
    optional: true,
    example: 'pingxiang-2017',
    description:
      '`redecide`: also decide every step under this pack (a built-in pack id, or the programme’s own) and report what would differ.',
  })
  whatIf?: string;
}

export class AuditJobListQueryDto {
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const jobStates = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'timed-out'] as const;
export type AuditJobState = (typeof jobStates)[number];

export class AuditJobRequesterDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ example: 'auditor' }) seat!: string;
}

export class AuditJobProgressDto {
  @ApiProperty({ description: 'The attempt reporting: a retried job counts again from 0.' }) attempt!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null while unknown.' }) total!: number | null;
  @ApiProperty({ example: 'events' }) unit!: string;
}

export class AuditJobFileDto {
  @ApiProperty({ example: 'manifest.json', description: 'Path inside the job, `/`-separated.' })
  name!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex.' }) sha256!: string;
  @ApiProperty({ example: '/api/audit/jobs/…/files/manifest.json', description: 'Download it here.' })
  url!: string;
}

export class AuditJobResultDto {
  @ApiProperty({ type: Boolean, nullable: true, description: "The report's own verdict." }) ok!:
    boolean | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The report's top-level counts, digests and first finding.",
  })
  summary!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The whole report, unless it exceeds 256 KiB: then only `report.json` has it.',
  })
  report!: Record<string, unknown> | null;
  @ApiProperty() reportTruncated!: boolean;
  @ApiProperty({ type: [AuditJobFileDto], description: '`report.json`, and an export’s bundle.' })
  files!: AuditJobFileDto[];
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
}

export class AuditJobErrorDto {
  @ApiProperty({ example: 'AUDIT_KEY_MISSING' }) code!: string;
  @ApiProperty() message!: string;
}

export class AuditJobSummaryDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ example: 'audit-job-…' }) workflowId!: string;
  @ApiProperty({ example: '/api/audit/jobs/…' }) url!: string;
  @ApiProperty({ enum: auditJobKinds }) kind!: string;
  @ApiProperty({ enum: jobStates }) state!: AuditJobState;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The options as sent.' })
  request!: Record<string, unknown>;
  @ApiProperty({ type: AuditJobRequesterDto }) requestedBy!: AuditJobRequesterDto;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
}

export class AuditJobDto extends AuditJobSummaryDto {
  @ApiProperty({ type: AuditJobProgressDto, nullable: true, description: 'While running.' })
  progress!: AuditJobProgressDto | null;
  @ApiProperty({ type: AuditJobResultDto, nullable: true, description: 'Once completed.' })
  result!: AuditJobResultDto | null;
  @ApiProperty({ type: AuditJobErrorDto, nullable: true, description: 'Once failed (or stopped).' })
  error!: AuditJobErrorDto | null;
}

export class AuditJobListDto {
  @ApiProperty({ type: [AuditJobSummaryDto], description: 'Running jobs first, then the latest closed.' })
  items!: AuditJobSummaryDto[];
}
