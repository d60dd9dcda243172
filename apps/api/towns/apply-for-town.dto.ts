import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { findBatch } from '../../../domain/policy/policy-rules';
import { applicationRefusals } from '../../../domain/shared/application-rules';
import { refuse } from '../../../domain/shared/domain-refusal';
import { IsRecordOf } from '../commands/record.validator';
import { CheckedAgainstPack, isPlainRecord, refusedField, textOf, type PackCheck } from '../http/pack-check';
import { OptionalField, TextField } from '../http/text-field';

export const candidateKinds = ['administrative-town', 'innovation-platform'] as const;

/** What the town and the batch would refuse of the application's fields, every field at once. */
const applicationAgainstPack: PackCheck = (fields, policy) => {
  const batchId = textOf(fields, 'batchId');
  const refusals = [
    ...applicationRefusals(policy, {
      name: textOf(fields, 'name'),
      county: textOf(fields, 'county'),
      kind: textOf(fields, 'kind'),
      industry: textOf(fields, 'industry'),
      industryDescription: textOf(fields, 'industryDescription'),
      declarations: isPlainRecord(fields.declarations) ? fields.declarations : undefined,
    }),
    ...(batchId !== undefined && !findBatch(policy, batchId)
      ? [refuse('BATCH_UNKNOWN', { field: 'batchId', batchId })]
      : []),
  ];
  return refusals.map(refusedField);
};

/**
 * A county/district government's application for one town, the lifecycle's first step. The county,
 * industry and batch the pack knows are listed in the OpenAPI document (openapi-document.ts).
 */
@CheckedAgainstPack(applicationAgainstPack)
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
