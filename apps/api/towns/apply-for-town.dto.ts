import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';
import { OptionalField, TextField } from '../http/text-field';

export const candidateKinds = ['administrative-town', 'innovation-platform'] as const;

/**
 * A county/district government's application for one town, the lifecycle's first step. The county,
 * industry and batch the pack knows are listed in the OpenAPI document (openapi-document.ts).
 */
export class ApplyForTownDto {
  @TextField({ maxLength: 100, example: '麻山汽车风情小镇', description: 'The town or platform name.' })
  name!: string;

  @TextField({
    maxLength: 50,
    example: '芦溪县',
    description: 'County/district, by Chinese name, code (e.g. `luxi`) or alias.',
  })
  county!: string;

  @ApiProperty({ enum: candidateKinds, example: 'administrative-town' })
  @IsIn(candidateKinds)
  kind!: (typeof candidateKinds)[number];

  @TextField({
    maxLength: 50,
    example: 'leisure-tourism',
    description: 'Industry tag from the policy pack, or `other` where its list is open (§II.2 "等").',
  })
  industry!: string;

  @TextField({
    maxLength: 200,
    optional: true,
    example: '竹编工艺',
    description: 'What the industry is: required with `industry: other`, refused with a listed one.',
  })
  industryDescription?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      "How the town meets the pack's application conditions, by condition code; applying declares every condition that applies to its kind.",
    example: { 'market-led': '龙头企业主导运营' },
  })
  @OptionalField()
  @IsRecordOf('string')
  declarations?: Record<string, string>;

  @TextField({ maxLength: 50, example: '2017', description: 'The application batch.' })
  batchId!: string;
}
