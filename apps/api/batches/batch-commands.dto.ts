import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import { OptionalField } from '../http/text-field';
import { IsRecordOf } from '../commands/record.validator';
import { IsUuid, uuidProperty } from '../http/uuid';

/**
 * One applicant's competitive-defence scores, one per criterion of the pack (§IV.1); the criteria and
 * their maximum are the pack's, listed in the OpenAPI document (openapi-document.ts).
 */
export class DefenceScoreDto {
  @ApiProperty({ ...uuidProperty, description: 'The applicant town.' })
  @IsUuid()
  townId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "One score per criterion code of the pack, 0 to the pack's maximum.",
    example: { planning: 85, industry: 80 },
  })
  @IsRecordOf('number', { min: 0 })
  scores!: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description:
      "The office's finding on each application condition the applicant declared (true: confirmed), where the pack sets conditions (§IV.1 申报条件).",
    example: { 'characteristic-industry': true, 'not-manufacturing-led': true },
  })
  @OptionalField()
  @IsRecordOf('boolean')
  conditions?: Record<string, boolean>;
}

/** The joint meeting's list: the towns it selects. */
export class ListDecisionDto {
  @ApiProperty({
    type: 'array',
    items: uuidProperty,
    maxItems: 500,
    description: 'The towns listed; every other applicant is not.',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUuid({ each: true })
  listed!: string[];
}

/** Publishing the list needs no data. */
export class PublicationDto {}
