import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { refuse } from '../../../domain/shared/domain-refusal';
import { CheckedAgainstPack, refusedField, textOf } from '../http/pack-check';
import { TextField } from '../http/text-field';

/** §III.5: money for the town in a year from one of the pack's funding sources. */
@CheckedAgainstPack((fields, { measures }) => {
  const source = textOf(fields, 'source');
  return source === undefined || !measures || measures.fundingSources.some((rule) => rule.code === source)
    ? []
    : [refusedField(refuse('FUNDING_SOURCE_UNKNOWN', { field: 'source', source }))];
})
export class RecordFundingDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2200, example: 2017 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  year!: number;

  @TextField({
    maxLength: 100,
    example: 'county',
    description: 'A funding source code of the pack; the seat must be the one it names.',
  })
  source!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1e13, example: 20000000, description: 'Whole yuan.' })
  @IsInt()
  @Min(1)
  @Max(1e13)
  amountYuan!: number;

  @TextField({ maxLength: 200, example: '上栗财字〔2017〕12号' })
  reference!: string;

  @TextField({ maxLength: 500, optional: true, example: '基础设施' })
  purpose?: string;
}
