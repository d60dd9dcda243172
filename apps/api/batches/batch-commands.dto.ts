import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
