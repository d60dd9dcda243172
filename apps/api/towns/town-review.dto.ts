import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';

export class ProjectProgressDto {
  @ApiProperty({ example: 12 }) @IsInt() @Min(0) @Max(100_000) projectsPlanned!: number;
  @ApiProperty({ example: 7 }) @IsInt() @Min(0) @Max(100_000) projectsCompleted!: number;
  @ApiProperty({ example: 600000000 }) @IsNumber() @Min(0) @Max(1e13) investmentPlannedYuan!: number;
  @ApiProperty({ example: 350000000 }) @IsNumber() @Min(0) @Max(1e13) investmentCompletedYuan!: number;
}

/** The county's yearly statistics and project progress (§IV.3). */
export class SubmitStatisticsDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { output: 2027000000, jobs: 500 },
  })
  @IsRecordOf('number', { min: 0 })
  statistics!: Record<string, number>;

  @ApiPropertyOptional({
    type: ProjectProgressDto,
    description:
      "Typed project figures; left out, and refused, once the town's projects are registered where the pack reads the figures from them.",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectProgressDto)
  projectProgress?: ProjectProgressDto;
}

/** §III.4: the land granted for a year, with its area (亩) and the land bureau's document. */
export class LandGrantDto {
  @ApiPropertyOptional({
    example: 120,
    description: 'Area granted, in 亩 (mu); required where the pack records it.',
  })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(1e7)
  areaMu?: number;

  @ApiPropertyOptional({ example: '萍国土资字〔2018〕8号' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference?: string;
}

/** The office scores the year (0–100); the pack's bands make it a rating. */
export class RateTownDto {
  @ApiProperty({ example: 92, minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty({ example: '2027 review on site' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  assessment!: string;
}

/** A check's outcome: the two-year progress check, or the recheck of a town under observation. */
export class CheckOutcomeDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @ApiProperty({ example: 'on schedule' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  findings!: string;
}

/** The province's recommendation as it concerns this town (§I.3). */
export class ProvincialRecommendationDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2200) reviewYear!: number;
  @ApiProperty() @IsBoolean() recommended!: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 1 })
  @ValidateIf((dto: ProvincialRecommendationDto) => dto.rank !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  rank!: number | null;
  @ApiPropertyOptional({ example: 'not-eligible', description: 'Why the town is not recommended.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason?: string;
}

/** A step that needs nothing but the path (a year's extension, land support). */
export class NoDataDto {}
