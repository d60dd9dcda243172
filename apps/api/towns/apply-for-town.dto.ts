import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';

export const candidateKinds = ['administrative-town', 'innovation-platform'] as const;

/** A county/district government's application for one town (mission.md, Lifecycle 1). */
export class ApplyForTownDto {
  @ApiProperty({ example: '麻山汽车风情小镇', description: 'The town or platform name.', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '芦溪县', description: 'County/district, by Chinese name or code (e.g. `luxi`).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  county!: string;

  @ApiProperty({ enum: candidateKinds, example: 'administrative-town' })
  @IsIn(candidateKinds)
  kind!: (typeof candidateKinds)[number];

  @ApiProperty({
    example: 'leisure-tourism',
    description: 'Industry tag from the policy pack, or `other` where its list is open (§II.2 "等").',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  industry!: string;

  @ApiPropertyOptional({
    example: '竹编工艺',
    description: 'What the industry is: required with `industry: other`, refused with a listed one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  industryDescription?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "How the town meets the pack's application conditions, by condition code; applying declares every condition that applies to its kind.",
    example: { 'market-led': '龙头企业主导运营' },
  })
  @IsOptional()
  @IsRecordOf('string')
  declarations?: Record<string, string>;

  @ApiProperty({ example: '2017', description: 'The application batch.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  batchId!: string;
}
