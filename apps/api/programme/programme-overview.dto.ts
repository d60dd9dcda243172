import { ApiProperty } from '@nestjs/swagger';
import { RewardTotalsDto } from '../towns/town-view.dto';

export class TownsByStatusDto {
  @ApiProperty() applied!: number;
  @ApiProperty({ name: 'not-listed' }) 'not-listed'!: number;
  @ApiProperty() planning!: number;
  @ApiProperty() cultivating!: number;
  @ApiProperty() exited!: number;
  @ApiProperty({ name: 'final-acceptance' }) 'final-acceptance'!: number;
  @ApiProperty() closed!: number;
}

export class CountyQuotaDto {
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ example: '芦溪县' }) nameZh!: string;
  @ApiProperty({ example: 'Luxi County' }) nameEn!: string;
  @ApiProperty({ example: 2 }) maxTowns!: number;
  @ApiProperty({ description: 'Applied and waiting for the list.' }) applied!: number;
  @ApiProperty({ description: 'Ever listed, exited ones included.' }) listed!: number;
  @ApiProperty() exited!: number;
  @ApiProperty({
    description:
      'Places taken: towns listed (less exited ones where the pack gives their place back), plus waiting applications where the pack caps applications.',
  })
  used!: number;
  @ApiProperty() remaining!: number;
}

export class ProvincialTargetDto {
  @ApiProperty({ example: 3 }) minTowns!: number;
  @ApiProperty({ example: 5 }) maxTowns!: number;
}

export class ProvincialProgressDto {
  @ApiProperty({ description: 'Towns the city has recommended to the province at least once.' })
  recommended!: number;
  @ApiProperty() listedByProvince!: number;
  @ApiProperty() notListedByProvince!: number;
  @ApiProperty({ description: 'Recommended towns still waiting for the province’s answer.' })
  awaitingAnswer!: number;
  @ApiProperty({ type: ProvincialTargetDto, description: '§I.3: towns on the province’s list.' })
  target!: ProvincialTargetDto;
  @ApiProperty() targetMet!: boolean;
}

export class RewardFundsDto extends RewardTotalsDto {
  @ApiProperty({ example: 'planning-design' }) reward!: string;
}

export class FundsDto extends RewardTotalsDto {
  @ApiProperty({ type: [RewardFundsDto] }) byReward!: RewardFundsDto[];
}

export class RatingsOfYearDto {
  @ApiProperty({ example: 2018 }) year!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { excellent: 1, qualified: 3, unqualified: 0 },
  })
  counts!: Record<string, number>;
}

export class ProgrammeOverviewDto {
  @ApiProperty({ example: 'pingxiang-2017' }) programme!: string;
  @ApiProperty({ example: 4 }) towns!: number;
  @ApiProperty({ type: TownsByStatusDto }) townsByStatus!: TownsByStatusDto;
  @ApiProperty({ type: [CountyQuotaDto] }) quotas!: CountyQuotaDto[];
  @ApiProperty({ type: FundsDto }) funds!: FundsDto;
  @ApiProperty({ type: [RatingsOfYearDto] }) ratingsByYear!: RatingsOfYearDto[];
  @ApiProperty({ type: ProvincialProgressDto }) provincial!: ProvincialProgressDto;
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
