import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';

/** One applicant's competitive-defence scores, one per criterion of the pack (§IV.1). */
export class DefenceScoreDto {
  @ApiProperty({ format: 'uuid', description: 'The applicant town.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  townId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "One score per criterion code of the pack, 0 to the pack's maximum.",
    example: { 'industry-positioning': 85, 'planning-quality': 80 },
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
  @IsOptional()
  @IsRecordOf('boolean')
  conditions?: Record<string, boolean>;
}

/** The joint meeting's list: the towns it selects. */
export class ListDecisionDto {
  @ApiProperty({ type: [String], description: 'The towns listed; every other applicant is not.' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  listed!: string[];
}

/** Publishing the list needs no data. */
export class PublicationDto {}
