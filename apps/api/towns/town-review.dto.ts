import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';
import { CheckedAgainstPack, requiredField, textOf } from '../http/pack-check';
import { OptionalField, TextField } from '../http/text-field';

export class ProjectProgressDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100_000, example: 12 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  projectsPlanned!: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100_000, example: 7 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  projectsCompleted!: number;
  @ApiProperty({ minimum: 0, maximum: 1e13, example: 600000000 })
  @IsNumber()
  @Min(0)
  @Max(1e13)
  investmentPlannedYuan!: number;
  @ApiProperty({ minimum: 0, maximum: 1e13, example: 350000000 })
  @IsNumber()
  @Min(0)
  @Max(1e13)
  investmentCompletedYuan!: number;
}

/**
 * A figure's name: letters, digits and Chinese characters, with `.`, `-` and `_` after the first, up to
 * 100 (`output`, `jobs`, `固定资产投资`): names are keys the office compares, not prose.
 */
export const figureNamePattern = '^[0-9A-Za-z\\u4E00-\\u9FFF][0-9A-Za-z\\u4E00-\\u9FFF._-]{0,99}$';

/** The county's yearly statistics and project progress (§IV.3). */
export class SubmitStatisticsDto {
  @ApiProperty({
    type: 'object',
    // JSON Schema's (draft 4), beyond OpenAPI 3.0's own keywords: what a figure's name may be.
    ...{ patternProperties: { [figureNamePattern]: { type: 'number', minimum: 0 } } },
    additionalProperties: false,
    maxProperties: 100,
    description:
      'Figures by name (letters, digits, Chinese characters, `.`, `-`, `_`; up to 100 characters), none negative.',
    example: { output: 2027000000, jobs: 500 },
  })
  @IsRecordOf('number', { min: 0, keyPattern: figureNamePattern })
  statistics!: Record<string, number>;

  @ApiPropertyOptional({
    type: ProjectProgressDto,
    description:
      "Typed project figures; left out, and refused, once the town's projects are registered where the pack reads the figures from them.",
  })
  @OptionalField()
  @ValidateNested()
  @Type(() => ProjectProgressDto)
  projectProgress?: ProjectProgressDto;
}

/**
 * §III.4: the land granted for a year, with its area (亩) and the land bureau's document, both required
 * where the pack records them (the OpenAPI document says so from the pack).
 */
@CheckedAgainstPack((fields, { measures }) => {
  if (measures?.landGrantArea !== true) return [];
  const reference = textOf(fields, 'reference');
  return [
    ...(fields.areaMu === undefined ? [requiredField('areaMu')] : []),
    ...(fields.reference === undefined || reference?.trim() === '' ? [requiredField('reference')] : []),
  ];
})
export class LandGrantDto {
  @ApiPropertyOptional({
    minimum: 0.01,
    maximum: 1e7,
    example: 120,
    description: 'Area granted, in 亩 (mu); required where the pack records it.',
  })
  @OptionalField()
  @IsNumber()
  @Min(0.01)
  @Max(1e7)
  areaMu?: number;

  @TextField({ maxLength: 200, optional: true, example: '萍国土资字〔2018〕8号' })
  reference?: string;
}

/** The office scores the year (0–100); the pack's bands make it a rating. */
export class RateTownDto {
  @ApiProperty({ example: 92, minimum: 0, maximum: 100 })
  @IsNumber()
  @Min(0)
  @Max(100)
  score!: number;

  @TextField({ maxLength: 4000, example: '2027 review on site' })
  assessment!: string;
}

/** A check's outcome: the two-year progress check, or the recheck of a town under observation. */
export class CheckOutcomeDto {
  @ApiProperty() @IsBoolean() passed!: boolean;
  @TextField({ maxLength: 4000, example: 'on schedule' })
  findings!: string;
}

/** The province's recommendation as it concerns this town (§I.3). */
export class ProvincialRecommendationDto {
  @ApiProperty({ type: 'integer', example: 2027, minimum: 2000, maximum: 2200 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  reviewYear!: number;
  @ApiProperty() @IsBoolean() recommended!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, example: 1, minimum: 1, maximum: 1000 })
  @ValidateIf((dto: ProvincialRecommendationDto) => dto.rank !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  rank!: number | null;
  @TextField({
    maxLength: 200,
    optional: true,
    example: 'not-eligible',
    description: 'Why the town is not recommended.',
  })
  reason?: string;
}

/** A step that needs nothing but the path (a year's extension, land support). */
export class NoDataDto {}
