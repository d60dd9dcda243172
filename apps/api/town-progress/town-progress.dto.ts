import { ApiProperty } from '@nestjs/swagger';
import { exitReasons, type ExitReason } from '../../../domain/town/town.events';

export class ReviewYearDto {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ enum: ['scheduled', 'open', 'statistics-submitted', 'rated'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) opensAt!: string;
  @ApiProperty({ format: 'date-time' }) statisticsDueAt!: string;
  @ApiProperty({ description: 'The statistics deadline was extended.' }) extended!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'excellent' }) rating!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 92 }) score!: number | null;
  @ApiProperty({ type: String, nullable: true, enum: ['assessment', 'missing-statistics'] })
  basis!: string | null;
  @ApiProperty({ description: 'The rating entitles the town to land support for this year.' })
  landSupportEntitled!: boolean;
  @ApiProperty() landSupportGranted!: boolean;
}

export class ProgressCheckDto {
  @ApiProperty({ enum: ['not-scheduled', 'pending', 'passed', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
}

export class ProvincialDto {
  @ApiProperty({ type: Number, nullable: true }) recommendedInYear!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
  @ApiProperty({ type: [Number], description: "Years the province's decision is recorded for." })
  decidedYears!: number[];
}

export class ObservationDto {
  @ApiProperty() sinceYear!: number;
  @ApiProperty({ format: 'date-time' }) recheckDueAt!: string;
}

export class ExitDto {
  @ApiProperty({ enum: exitReasons }) reason!: ExitReason;
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date-time' }) exitedAt!: string;
  @ApiProperty({ format: 'date-time' }) supportEndsAt!: string;
  @ApiProperty() supportEnded!: boolean;
}

export class InspectionDto {
  @ApiProperty({ example: 'construction' }) unit!: string;
  @ApiProperty() satisfactory!: boolean;
  @ApiProperty() findings!: string;
}

export class OpinionDto {
  @ApiProperty({ enum: ['accept', 'reject'] }) recommendation!: string;
  @ApiProperty() opinion!: string;
}

export class AcceptanceDto {
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: [InspectionDto] }) inspections!: InspectionDto[];
  @ApiProperty({ type: OpinionDto, nullable: true }) opinion!: OpinionDto | null;
  @ApiProperty({ type: String, nullable: true, enum: ['accepted', 'not-accepted'] }) outcome!: string | null;
}

/** The parts of a town's life after listing, as the town page shows them. */
export class TownProgressDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The weighted defence score.' })
  weightedScore!: number | null;
  @ApiProperty({ type: [ReviewYearDto] }) reviews!: ReviewYearDto[];
  @ApiProperty({ type: ProgressCheckDto }) progressCheck!: ProgressCheckDto;
  @ApiProperty({ type: ProvincialDto }) provincial!: ProvincialDto;
  @ApiProperty({ type: ObservationDto, nullable: true }) observation!: ObservationDto | null;
  @ApiProperty({ type: ExitDto, nullable: true }) exit!: ExitDto | null;
  @ApiProperty({ type: AcceptanceDto, nullable: true }) acceptance!: AcceptanceDto | null;
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
