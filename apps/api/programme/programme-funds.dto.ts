import { ApiProperty } from '@nestjs/swagger';

/** What the city committed, paid and lost (forfeited or not earned) in rewards. */
export class FundsMovedDto {
  @ApiProperty({ example: 2000000 }) committedYuan!: number;
  @ApiProperty({ example: 1000000 }) paidYuan!: number;
  @ApiProperty({ example: 0 }) forfeitedYuan!: number;
}

export class FundsOfYearDto extends FundsMovedDto {
  @ApiProperty({ example: 2017, description: 'The Shanghai year the money moved in.' }) year!: number;
}

export class FundsOfCountyDto extends FundsMovedDto {
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ example: '芦溪县' }) nameZh!: string;
  @ApiProperty({ example: 'Luxi County' }) nameEn!: string;
}

export class FundsOfYearAndCountyDto extends FundsMovedDto {
  @ApiProperty({ example: 2017 }) year!: number;
  @ApiProperty({ example: 'luxi' }) county!: string;
}

/** The city's rewards by the year they moved in and by county (§III.5 市奖补). */
export class ProgrammeFundsDto {
  @ApiProperty({ example: 'pingxiang-2017' }) programme!: string;
  @ApiProperty({ type: [FundsOfYearDto] }) byYear!: FundsOfYearDto[];
  @ApiProperty({ type: [FundsOfCountyDto], description: "Every county of the pack, in the pack's order." })
  byCounty!: FundsOfCountyDto[];
  @ApiProperty({ type: [FundsOfYearAndCountyDto], description: 'Only the cells where money moved.' })
  cells!: FundsOfYearAndCountyDto[];
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
