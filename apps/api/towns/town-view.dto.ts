import { ApiProperty } from '@nestjs/swagger';
import { ActorDto } from './town-history.dto';

export class LatestRatingDto {
  @ApiProperty({ example: 2018 }) year!: number;
  @ApiProperty({ example: 'excellent' }) rating!: string;
  @ApiProperty({ type: Number, nullable: true, example: 92 }) score!: number | null;
}

export class RewardTotalsDto {
  @ApiProperty({ example: 2000000, description: 'Promised and not lost: pending, due or paid (yuan).' })
  committedYuan!: number;
  @ApiProperty({ example: 1000000 }) dueYuan!: number;
  @ApiProperty({ example: 1000000 }) paidYuan!: number;
  @ApiProperty({ example: 0, description: 'Forfeited or not earned.' }) forfeitedYuan!: number;
}

export class DeadlineDto {
  @ApiProperty({ example: 'plan-submission' }) name!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ example: 'MarkPlanOverdue', description: 'What the scheduler does when it falls due.' })
  fires!: string;
}

export class TownSummaryDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty({ example: '麻山汽车风情小镇' }) name!: string;
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ type: String, nullable: true, example: '芦溪县' }) countyNameZh!: string | null;
  @ApiProperty({ example: 'administrative-town' }) kind!: string;
  @ApiProperty({ example: 'leisure-tourism' }) industry!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'What the industry is, when it is `other` (outside the pack’s list).',
  })
  industryDescription!: string | null;
  @ApiProperty({ example: '2017' }) batchId!: string;
  @ApiProperty({ example: 'planning' }) status!: string;
  @ApiProperty({ format: 'date-time' }) appliedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) listedAt!: string | null;
  @ApiProperty({ type: LatestRatingDto, nullable: true }) latestRating!: LatestRatingDto | null;
  @ApiProperty({ type: RewardTotalsDto }) rewards!: RewardTotalsDto;
  @ApiProperty({ type: DeadlineDto, nullable: true }) nextDeadline!: DeadlineDto | null;
  @ApiProperty({ example: '/api/towns/…' }) url!: string;
}

export class TownPageDto {
  @ApiProperty({ type: [TownSummaryDto] }) items!: TownSummaryDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1, description: 'Towns matching the filters, on all pages.' }) total!: number;
  @ApiProperty({ example: '-appliedAt' }) sort!: string;
  @ApiProperty({ example: '42', description: 'The global position the read models had reached.' })
  asOfPosition!: string;
}

export class RatingRecordDto {
  @ApiProperty({ example: 2018 }) year!: number;
  @ApiProperty({ example: 'qualified' }) rating!: string;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ enum: ['assessment', 'missing-statistics'] }) basis!: string;
}

export class RewardItemDto {
  @ApiProperty({ example: 'planning-design' }) reward!: string;
  @ApiProperty({ example: 1000000 }) amountYuan!: number;
  @ApiProperty({ example: 'due' }) status!: string;
  @ApiProperty({ type: String, nullable: true }) paymentRef!: string | null;
}

/** §III.2: a construction project the county registered in the town, and how far it has come. */
export class TownProjectDto {
  @ApiProperty({ example: 'SL-2017-01', description: "The county's code for the project." })
  projectId!: string;
  @ApiProperty({ example: '花炮文化街区' }) name!: string;
  @ApiProperty({ example: 300000000 }) investmentPlannedYuan!: number;
  @ApiProperty({ example: 150000000, description: 'Cumulative, as last recorded.' })
  investmentCompletedYuan!: number;
  @ApiProperty() completed!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '萍重点办〔2017〕5号',
    description: "The key-project schedule's document, once the project is in it.",
  })
  keySchedule!: string | null;
  @ApiProperty({ example: 2, description: 'Approval procedures recorded.' }) approvals!: number;
}

export class PlanDto {
  @ApiProperty({ example: 'awaiting' }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
  @ApiProperty() submissions!: number;
  @ApiProperty() submittedLate!: boolean;
  @ApiProperty() extended!: boolean;
}

export class StepDto {
  @ApiProperty({ example: 'TownApplied' }) type!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ example: '1' }) globalPosition!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
}

export class HistorySummaryDto {
  @ApiProperty({ example: 1 }) eventCount!: number;
  @ApiProperty({ format: 'date-time' }) firstRecordedAt!: string;
  @ApiProperty({ format: 'date-time' }) lastRecordedAt!: string;
  @ApiProperty({ example: '1' }) lastPosition!: string;
  @ApiProperty({ type: [StepDto], description: 'The latest steps, oldest first.' }) recentSteps!: StepDto[];
  @ApiProperty({ example: '/api/towns/…/history' }) url!: string;
}

export class PolicyRefDto {
  @ApiProperty({ example: 'pingxiang-2017' }) id!: string;
  @ApiProperty({ example: 'sha256 hex' }) version!: string;
}

/** A condition the application declared (§IV.1), with what the applicant wrote for it. */
export class DeclaredConditionDto {
  @ApiProperty({ example: 'market-led' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: '龙头企业主导运营' }) statement!: string | null;
}

export class TownDetailDto extends TownSummaryDto {
  @ApiProperty({
    type: [DeclaredConditionDto],
    description: "The conditions the application declared, by the pack's codes; none in older packs.",
  })
  declaredConditions!: DeclaredConditionDto[];
  @ApiProperty({ type: [RatingRecordDto] }) ratings!: RatingRecordDto[];
  @ApiProperty({ type: [RewardItemDto] }) rewardItems!: RewardItemDto[];
  @ApiProperty({ type: PlanDto }) plan!: PlanDto;
  @ApiProperty({ type: [TownProjectDto], description: 'Its registered projects, in the order registered.' })
  projects!: TownProjectDto[];
  @ApiProperty({ type: [DeadlineDto], description: 'Pending deadlines, soonest first.' })
  deadlines!: DeadlineDto[];
  @ApiProperty({ type: HistorySummaryDto }) history!: HistorySummaryDto;
  @ApiProperty({ type: PolicyRefDto, nullable: true, description: 'The rules the town applied under.' })
  policy!: PolicyRefDto | null;
  @ApiProperty({
    type: [String],
    example: ['SubmitPlan'],
    description: "The steps the caller's seat may take on this town now, as the domain decides them.",
  })
  allowedSteps!: string[];
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
