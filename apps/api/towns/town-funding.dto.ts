import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** §III.5: money for the town in a year from one of the pack's funding sources. */
export class RecordFundingDto {
  @ApiProperty({ example: 2017 }) @IsInt() @Min(2000) @Max(2200) year!: number;

  @ApiProperty({
    example: 'county',
    description: 'A funding source code of the pack; the seat must be the one it names.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source!: string;

  @ApiProperty({ example: 20000000, description: 'Whole yuan.' })
  @IsInt()
  @Min(1)
  @Max(1e13)
  amountYuan!: number;

  @ApiProperty({ example: '上栗财字〔2017〕12号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;

  @ApiPropertyOptional({ example: '基础设施' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  purpose?: string;
}
