import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { TextField } from '../http/text-field';

/** The province's answer to a recommendation (§I.3 "列入省级特色小镇"): listed or not, and its document. */
export class ProvincialDecisionDto {
  @ApiProperty({
    type: 'integer',
    minimum: 2000,
    maximum: 2200,
    example: 2027,
    description: 'The review year of the recommendation answered.',
  })
  @IsInt()
  @Min(2000)
  @Max(2200)
  reviewYear!: number;

  @ApiProperty({ description: 'True: the province put the town on its list of characteristic towns.' })
  @IsBoolean()
  listed!: boolean;

  @TextField({ maxLength: 200, example: '赣特镇办〔2028〕3号', description: "The province's document." })
  reference!: string;
}
