import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { findMemberUnit } from '../../../domain/policy/policy-rules';
import { refuse } from '../../../domain/shared/domain-refusal';
import {
  CheckedAgainstPack,
  isPlainRecord,
  refusedField,
  requiredField,
  textOf,
  unknownCode,
} from '../http/pack-check';
import { OptionalField, TextField } from '../http/text-field';

/** One member unit's site inspection in the final acceptance (§IV.4). */
@CheckedAgainstPack((fields, policy) => {
  const unit = textOf(fields, 'unit');
  return unit === undefined || findMemberUnit(policy, unit)
    ? []
    : [refusedField(refuse('MEMBER_UNIT_UNKNOWN', { field: 'unit', unit }))];
})
export class SiteInspectionDto {
  @TextField({
    maxLength: 100,
    example: 'construction',
    description: "A member unit's code or Chinese name from the policy pack: the inspector's own unit.",
  })
  unit!: string;
  @ApiProperty() @IsBoolean() satisfactory!: boolean;
  @TextField({ maxLength: 4000, example: 'construction on site' })
  findings!: string;
}

export const acceptanceRecommendations = ['accept', 'reject'] as const;

/** The opinion's finding on one acceptance criterion of the pack (§IV.4's four in Pingxiang's). */
export class AcceptanceFindingDto {
  @TextField({
    maxLength: 100,
    example: 'targets-met',
    description: "An acceptance criterion's code from the pack.",
  })
  criterion!: string;
  @ApiProperty() @IsBoolean() met!: boolean;
  @TextField({ maxLength: 4000, example: '专项规划确定的各项目标均已如期完成' })
  finding!: string;
}

/**
 * §IV.4's findings where the pack sets criteria: one on each, each a criterion of the pack (the document
 * says so); that none is given twice is the route's to say (422), no document can.
 */
@CheckedAgainstPack(({ findings }, policy) => {
  const codes = (policy.finalAcceptance.criteria ?? []).map((criterion) => criterion.code);
  if (findings === undefined) return codes.length > 0 ? [requiredField('findings')] : [];
  if (!Array.isArray(findings)) return [];
  const unknown = findings.flatMap((finding: unknown, index) => {
    const criterion = isPlainRecord(finding) ? textOf(finding, 'criterion') : undefined;
    return criterion === undefined || codes.includes(criterion)
      ? []
      : [unknownCode(`findings.${index}.criterion`, criterion, codes)];
  });
  const counted =
    findings.length === codes.length
      ? []
      : [refusedField(refuse('ACCEPTANCE_FINDINGS_MISMATCH', { field: 'findings', criteria: codes }))];
  return [...counted, ...unknown];
})
export class AcceptanceOpinionDto {
  @ApiProperty({ enum: acceptanceRecommendations })
  @IsIn(acceptanceRecommendations)
  recommendation!: (typeof acceptanceRecommendations)[number];
  @TextField({ maxLength: 4000, example: '达到验收要求' })
  opinion!: string;
  @ApiPropertyOptional({
    type: [AcceptanceFindingDto],
    description:
      'One finding on each acceptance criterion of the pack, each criterion once (required where the pack sets criteria, none where it sets none); acceptance may be recommended only when every one is met.',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceFindingDto)
  findings?: AcceptanceFindingDto[];
}

export class AcceptanceDeliberationDto {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @TextField({ maxLength: 200, example: 'minutes/2030-12/luxi' })
  minutesRef!: string;
}
