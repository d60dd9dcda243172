import { ApiProperty } from '@nestjs/swagger';
import { RewardTotalsDto } from '../towns';

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

export class ApprovalDaysDto {
  @ApiProperty() approvals!: number;
  @ApiProperty({ type: Number, nullable: true }) medianDays!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxDays!: number | null;
}

export class ApprovalsDto {
  @ApiProperty({ type: ApprovalDaysDto, description: 'Through the green channel (§III.2).' })
  greenChannel!: ApprovalDaysDto;
  @ApiProperty({ type: ApprovalDaysDto }) other!: ApprovalDaysDto;
}

export class ProjectsOverviewDto {
  @ApiProperty() projects!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: "In the city's key-project schedule (市重点项目调度)." })
  inKeyProjectSchedule!: number;
  @ApiProperty() investmentPlannedYuan!: number;
  @ApiProperty() investmentCompletedYuan!: number;
  @ApiProperty({ type: ApprovalsDto }) approvals!: ApprovalsDto;
}

export class FundingBySourceDto {
  @ApiProperty({ example: 'county' }) source!: string;
  @ApiProperty({ example: 'county' }) level!: string;
  @ApiProperty() amountYuan!: number;
}

export class FundingByLevelDto {
  @ApiProperty() county!: number;
  @ApiProperty() township!: number;
  @ApiProperty({ description: "The city's funds recorded and the rewards it paid." }) city!: number;
}

export class CityFundDto {
  @ApiProperty({ example: 'sponge-towns' }) fund!: string;
  @ApiProperty({ example: 100000000 }) budgetYuan!: number;
  @ApiProperty() recordedYuan!: number;
  @ApiProperty() remainingYuan!: number;
}

export class FundingOverviewDto {
  @ApiProperty({ type: [FundingBySourceDto] }) bySource!: FundingBySourceDto[];
  @ApiProperty({ type: FundingByLevelDto, description: '§III.5 以县为主、乡镇为辅、市奖补.' })
  byLevel!: FundingByLevelDto;
  @ApiProperty() cityRewardsPaidYuan!: number;
  @ApiProperty({ type: [CityFundDto] }) cityFunds!: CityFundDto[];
}

export class LandOfYearDto {
  @ApiProperty({ example: 2018 }) year!: number;
  @ApiProperty() grants!: number;
  @ApiProperty({ description: '亩 (mu)' }) areaMu!: number;
}

export class LandOverviewDto {
  @ApiProperty() grants!: number;
  @ApiProperty({ description: '亩 (mu), where recorded' }) areaMu!: number;
  @ApiProperty({ type: [LandOfYearDto] }) byYear!: LandOfYearDto[];
}

export class ProgrammeOverviewDto {
  @ApiProperty({ example: 'pingxiang-2017' }) programme!: string;
  @ApiProperty({ example: 4 }) towns!: number;
  @ApiProperty({ type: TownsByStatusDto }) townsByStatus!: TownsByStatusDto;
  @ApiProperty({ type: [CountyQuotaDto] }) quotas!: CountyQuotaDto[];
  @ApiProperty({ type: FundsDto }) funds!: FundsDto;
  @ApiProperty({ type: [RatingsOfYearDto] }) ratingsByYear!: RatingsOfYearDto[];
  @ApiProperty({ type: ProvincialProgressDto }) provincial!: ProvincialProgressDto;
  @ApiProperty({ type: ProjectsOverviewDto }) projects!: ProjectsOverviewDto;
  @ApiProperty({ type: FundingOverviewDto }) funding!: FundingOverviewDto;
  @ApiProperty({ type: LandOverviewDto }) land!: LandOverviewDto;
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
