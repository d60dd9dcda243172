import { ApiProperty } from '@nestjs/swagger';

export class NamedCodeDto {
  @ApiProperty({ example: 'luxi' }) code!: string;
  @ApiProperty({ example: '芦溪县' }) nameZh!: string;
  @ApiProperty({ example: 'Luxi County' }) nameEn!: string;
}

export class PolicyBatchDto {
  @ApiProperty({ example: '2017' }) id!: string;
  @ApiProperty({ example: '2017-03-01', description: 'Shanghai date the window opens (start of day).' })
  applicationOpensOn!: string;
  @ApiProperty({ example: '2017-03-31', description: 'Shanghai date the window closes (end of day).' })
  applicationClosesOn!: string;
  @ApiProperty({ example: '2017-04-30' }) listPublishedBy!: string;
}

export class PolicyRewardDto extends NamedCodeDto {
  @ApiProperty({ example: 1000000 }) amountYuan!: number;
}

export class PolicyCriterionDto extends NamedCodeDto {
  @ApiProperty({ example: 40 }) weightPercent!: number;
}

/** A condition an applicant declares (§IV.1 申报条件), and the kinds of candidate it applies to. */
export class PolicyConditionDto extends NamedCodeDto {
  @ApiProperty({
    type: [String],
    example: ['innovation-platform'],
    description: 'The candidate kinds that declare it (every kind the pack has, where it names none).',
  })
  kinds!: string[];
}

/** How defence scores combine into a list (§IV.1 竞争性答辩), for the score and list forms. */
export class PolicySelectionDto {
  @ApiProperty({ example: 100, description: 'The highest score a criterion can be given.' })
  maxCriterionScore!: number;
  @ApiProperty({ type: Number, nullable: true, example: 60, description: 'Below it a town is not listed.' })
  passingScore!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'Towns one batch may list.' })
  maxListedPerBatch!: number | null;
}

/** §I.3 "每个县区集中力量打造1-2个": the places each county has in the programme. */
export class PolicyQuotaDto {
  @ApiProperty({ example: 1 }) minTownsPerCounty!: number;
  @ApiProperty({ example: 2 }) maxTownsPerCounty!: number;
}

/** The names and codes a programme's pack gives, for pickers and labels; the rules stay on the server. */
export class PolicyVocabularyDto {
  @ApiProperty({ example: 'pingxiang-2017' }) id!: string;
  @ApiProperty({ example: 'sha256 hex' }) version!: string;
  @ApiProperty({ example: '萍乡市特色小镇建设工作方案（2017）' }) titleZh!: string;
  @ApiProperty({ example: 'Pingxiang characteristic towns (2017)' }) titleEn!: string;
  @ApiProperty({ type: [NamedCodeDto] }) counties!: NamedCodeDto[];
  @ApiProperty({ type: [NamedCodeDto] }) candidateKinds!: NamedCodeDto[];
  @ApiProperty({ type: [NamedCodeDto] }) industries!: NamedCodeDto[];
  @ApiProperty({ type: [NamedCodeDto] }) memberUnits!: NamedCodeDto[];
  @ApiProperty({ type: [PolicyBatchDto] }) batches!: PolicyBatchDto[];
  @ApiProperty({ type: [PolicyRewardDto] }) rewards!: PolicyRewardDto[];
  @ApiProperty({ type: [NamedCodeDto] }) ratings!: NamedCodeDto[];
  @ApiProperty({ type: [NamedCodeDto] }) planDocuments!: NamedCodeDto[];
  @ApiProperty({ type: [PolicyCriterionDto] }) criteria!: PolicyCriterionDto[];
  @ApiProperty({
    type: [PolicyConditionDto],
    description:
      'The conditions an applicant declares and the defence confirms (§IV.1 申报条件); none in older packs.',
  })
  applicationConditions!: PolicyConditionDto[];
  @ApiProperty({
    type: [NamedCodeDto],
    description: "Where a town's money comes from (§III.5); none in packs without the plan's measures.",
  })
  fundingSources!: NamedCodeDto[];
  @ApiProperty({
    type: [NamedCodeDto],
    description:
      'What the final acceptance opinion assesses, one finding each (§IV.4); none where it is free text.',
  })
  acceptanceCriteria!: NamedCodeDto[];
  @ApiProperty({
    type: [NamedCodeDto],
    description: "A project's approval procedures (§III.2); none in packs without the plan's measures.",
  })
  approvalProcedures!: NamedCodeDto[];
  @ApiProperty({
    type: [NamedCodeDto],
    description: 'The fast-track ways the green channel allows (§III.2 边建设边审批…).',
  })
  fastTrackMethods!: NamedCodeDto[];
  @ApiProperty({ type: PolicySelectionDto }) selection!: PolicySelectionDto;
  @ApiProperty({ type: PolicyQuotaDto }) quota!: PolicyQuotaDto;
}
