import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { TimeBasis } from '../../../audit/state-at/as-of';
import { DECISION_KINDS } from '../../../domain/audit/decision-csv';
import { exitReasons, type ExitReason } from '../../../domain/town/town.events';
import { townStatuses } from '../../../domain/town/town.state';
import { dateOrInstantPattern } from '../http/calendar-patterns';
import { HistoryEventDto } from '../towns';

const timeBases: readonly TimeBasis[] = ['occurred', 'recorded'];

/** `?at=&basis=`, read exactly as `npm run audit -- state --at … --basis …` reads them. */
export class AsOfQueryDto {
  @ApiProperty({
    example: '2019-12-31',
    pattern: dateOrInstantPattern,
    description:
      'A date (`YYYY-MM-DD`: the last instant of that day in Shanghai) or an ISO-8601 instant with an offset.',
  })
  @IsNotEmpty({ message: 'at is required: a date (YYYY-MM-DD) or an instant with an offset' })
  @IsString()
  @MaxLength(40)
  at!: string;

  @ApiPropertyOptional({
    enum: timeBases,
    default: 'occurred',
    description:
      '`occurred`: what was true at that instant, as the record stands now. `recorded`: what the record said then.',
  })
  @IsOptional()
  @IsIn(timeBases)
  basis?: TimeBasis;
}

export const decisionKindParam = {
  name: 'kind',
  enum: DECISION_KINDS,
  description: 'Which decisions: one CSV per kind, as `npm run audit -- export-csv` writes them.',
};

export class AuditHistoryEventDto extends HistoryEventDto {
  @ApiProperty({ description: 'SHA-256 of the canonical content (docs/decisions/0020).' })
  contentHash!: string;
  @ApiProperty({ description: "SHA-256 of the stream's previous chain hash and this content hash." })
  chainHash!: string;
  @ApiPropertyOptional({
    description: "SHA-256 of the log's previous log hash, the position and the chain hash.",
  })
  logHash?: string;
}

export class AuditTownHistoryDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty({ example: 'town-…' }) stream!: string;
  @ApiProperty({ type: [AuditHistoryEventDto], description: 'Every event of the town, in stream order.' })
  events!: AuditHistoryEventDto[];
}

export class FundsByStatusAtDto {
  @ApiProperty() pending!: number;
  @ApiProperty() due!: number;
  @ApiProperty() paid!: number;
  @ApiProperty() forfeited!: number;
  @ApiProperty() 'not-earned'!: number;
}

export class TownRatingAtDto {
  @ApiProperty({ example: 2018 }) year!: number;
  @ApiProperty({ example: '良好' }) rating!: string;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
}

export class LandSupportAtDto {
  @ApiProperty({ type: [Number] }) entitledYears!: number[];
  @ApiProperty({ type: [Number] }) grantedYears!: number[];
}

export class RecommendationAtDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
}

export class ExitAtDto {
  @ApiProperty({ enum: exitReasons }) reason!: ExitReason;
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) exitedAt!: string;
  @ApiProperty({ format: 'date-time' }) supportEndsAt!: string;
  @ApiProperty() supportEnded!: boolean;
}

export class TownSummaryAtDto {
  @ApiProperty() townId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) county!: string | null;
  @ApiProperty({ type: String, nullable: true }) batchId!: string | null;
  @ApiProperty({ enum: townStatuses }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) listedAt!: string | null;
  @ApiProperty({ type: [TownRatingAtDto] }) ratings!: TownRatingAtDto[];
  @ApiProperty({ type: FundsByStatusAtDto, description: 'Reward money by status, yuan.' })
  funds!: FundsByStatusAtDto;
  @ApiProperty({ type: LandSupportAtDto }) landSupport!: LandSupportAtDto;
  @ApiProperty({ type: RecommendationAtDto, nullable: true })
  provincialRecommendation!: RecommendationAtDto | null;
  @ApiProperty({ type: ExitAtDto, nullable: true }) exit!: ExitAtDto | null;
  @ApiProperty({ type: String, nullable: true, enum: ['accepted', 'not-accepted'] })
  acceptance!: string | null;
}

class AsOfReportDto {
  @ApiProperty({ format: 'date-time', description: 'The instant, in UTC.' }) at!: string;
  @ApiProperty({ enum: timeBases }) basis!: string;
  @ApiProperty({ description: 'Events that had happened by then, folded.' }) eventsFolded!: number;
  @ApiProperty({ description: 'Events after the instant: not folded.' }) eventsAfter!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Position of the last event folded.' })
  lastFoldedPosition!: string | null;
}

export class TownStateAtDto extends AsOfReportDto {
  @ApiProperty() townId!: string;
  @ApiProperty({ example: 'town-…' }) stream!: string;
  @ApiProperty({ type: TownSummaryAtDto }) summary!: TownSummaryAtDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The town's whole state, as the domain's own fold gives it.",
  })
  state!: Record<string, unknown>;
}

export class ProgrammeTotalsDto {
  @ApiProperty() towns!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { cultivating: 3 } })
  townsByStatus!: Record<string, number>;
  @ApiProperty({ type: FundsByStatusAtDto }) funds!: FundsByStatusAtDto;
  @ApiProperty() landSupportYearsEntitled!: number;
  @ApiProperty() landSupportYearsGranted!: number;
}

const stateMap = (description: string) => ({
  type: 'object' as const,
  additionalProperties: { type: 'object' as const, additionalProperties: true },
  description,
});

export class ProgrammeStateAtDto extends AsOfReportDto {
  @ApiProperty({ type: ProgrammeTotalsDto }) totals!: ProgrammeTotalsDto;
  @ApiProperty({ type: [TownSummaryAtDto] }) towns!: TownSummaryAtDto[];
  @ApiProperty(stateMap("Every programme workflow's state, by programme id."))
  programmes!: Record<string, unknown>;
  @ApiProperty(stateMap("Every batch's state, by `<programmeId>-<batchId>`."))
  batches!: Record<string, unknown>;
  @ApiProperty(stateMap("Every town's whole state, by town id."))
  townStates!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Events of streams of no known kind, by the first word of the stream name.',
  })
  otherStreams!: Record<string, number>;
}
