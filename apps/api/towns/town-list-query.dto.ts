import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { candidateKindCodes } from '../../../domain/policy/policy-pack.schema';
import { findBatch, findCounty, findRating } from '../../../domain/policy/policy-rules';
import { refuse } from '../../../domain/shared/domain-refusal';
import { CheckedAgainstPack, refusedField, textOf } from '../http/pack-check';
import { townSorts, type TownSort } from '../read-models/town-list-query';
import { townStatuses, type TownStatus } from '../../../domain/town/town.state';

/** A listed town has a status; `none` (no application yet) names no town to filter by. */
const listedTownStatuses = townStatuses.filter(
  (status): status is Exclude<TownStatus, 'none'> => status !== 'none',
);

export const maxPageSize = 100;

/** `GET /api/towns`: every filter optional; a county official sees their own county's towns only. */
@CheckedAgainstPack((query, policy) => {
  const [county, batchId, rating] = [
    textOf(query, 'county'),
    textOf(query, 'batch'),
    textOf(query, 'rating'),
  ];
  return [
    ...(county === undefined || findCounty(policy, county)
      ? []
      : [refusedField(refuse('COUNTY_UNKNOWN', { field: 'county', value: county }))]),
    ...(batchId === undefined || findBatch(policy, batchId)
      ? []
      : [refusedField(refuse('BATCH_UNKNOWN', { field: 'batch', batchId }))]),
    ...(rating === undefined || findRating(policy, rating)
      ? []
      : [
          {
            field: 'rating',
            code: 'RATING_UNKNOWN',
            message: `"${rating}" is not a rating of this programme`,
          },
        ]),
  ];
})
export class TownListQueryDto {
  @ApiPropertyOptional({ example: '芦溪县', description: 'County by code or Chinese name.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  county?: string;

  @ApiPropertyOptional({ enum: listedTownStatuses, example: 'cultivating' })
  @IsOptional()
  @IsIn(listedTownStatuses)
  status?: Exclude<TownStatus, 'none'>;

  @ApiPropertyOptional({ example: '2017', description: 'Application batch id.' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  batch?: string;

  @ApiPropertyOptional({ enum: candidateKindCodes })
  @IsOptional()
  @IsIn(candidateKindCodes)
  kind?: (typeof candidateKindCodes)[number];

  @ApiPropertyOptional({
    example: 'excellent',
    description: 'Rating code; with `year` the rating of that year, otherwise the latest one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  rating?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2018,
    description: 'Review year; alone: towns rated in that year.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ enum: townSorts, default: '-appliedAt', description: '`-` sorts descending.' })
  @IsOptional()
  @IsIn(townSorts)
  sort?: TownSort;

  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: maxPageSize })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(maxPageSize)
  pageSize?: number;
}
