import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray } from 'class-validator';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { FieldProblem } from '../errors/problem';
import { OptionalField } from '../http/text-field';
import { IsRecordOf } from '../commands/record.validator';
import { CheckedAgainstPack, isPlainRecord, requiredField, unknownCode } from '../http/pack-check';
import { IsUuid, uuidProperty } from '../http/uuid';

/** One score per criterion of the pack, within its range. */
function scoreProblems(scores: Readonly<Record<string, unknown>>, policy: PolicyPack): FieldProblem[] {
  const { criteria, maxCriterionScore } = policy.selection;
  const codes = criteria.map((criterion) => criterion.code);
  return [
    ...Object.keys(scores)
      .filter((code) => !codes.includes(code))
      .map((code) => unknownCode(`scores.${code}`, code, codes)),
    ...codes.filter((code) => scores[code] === undefined).map((code) => requiredField(`scores.${code}`)),
    ...Object.entries(scores)
      .filter(([, value]) => typeof value === 'number' && value > maxCriterionScore)
      .map(([code]) => ({
        field: `scores.${code}`,
        code: 'INVALID_MAX',
        message: `scores.${code} must not be greater than ${maxCriterionScore}`,
      })),
  ];
}

/**
 * Findings on conditions of the pack only, and on each that every applicant declares; those of some kinds
 * only depend on the applicant, which the batch knows (422 there).
 */
function conditionProblems(
  conditions: Readonly<Record<string, unknown>>,
  policy: PolicyPack,
): FieldProblem[] {
  const known = policy.application?.conditions ?? [];
  const codes = known.map((condition) => condition.code);
  return [
    ...Object.keys(conditions)
      .filter((code) => !codes.includes(code))
      .map((code) => unknownCode(`conditions.${code}`, code, codes)),
    ...known
      .filter((condition) => condition.kinds === undefined && conditions[condition.code] === undefined)
      .map((condition) => requiredField(`conditions.${condition.code}`)),
  ];
}

/**
 * One applicant's competitive-defence scores, one per criterion of the pack (§IV.1); the criteria and
 * their maximum are the pack's, listed in the OpenAPI document (openapi-document.ts).
 */
@CheckedAgainstPack(({ scores, conditions }, policy) => [
  ...(isPlainRecord(scores) ? scoreProblems(scores, policy) : []),
  ...(isPlainRecord(conditions) ? conditionProblems(conditions, policy) : []),
])
export class DefenceScoreDto {
  @ApiProperty({ ...uuidProperty, description: 'The applicant town.' })
  @IsUuid()
  townId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "One score per criterion code of the pack, 0 to the pack's maximum.",
    example: { planning: 85, industry: 80 },
  })
  @IsRecordOf('number', { min: 0 })
  scores!: Record<string, number>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description:
      "The office's finding on each application condition the applicant declared (true: confirmed), where the pack sets conditions (§IV.1 申报条件).",
    example: { 'characteristic-industry': true, 'not-manufacturing-led': true },
  })
  @OptionalField()
  @IsRecordOf('boolean')
  conditions?: Record<string, boolean>;
}

/** The joint meeting's list: the towns it selects. */
export class ListDecisionDto {
  @ApiProperty({
    type: 'array',
    items: uuidProperty,
    maxItems: 500,
    description: 'The towns listed; every other applicant is not.',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUuid({ each: true })
  listed!: string[];
}

/** Publishing the list needs no data. */
export class PublicationDto {}
