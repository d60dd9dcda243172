import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';
import { calendarDatePattern } from '../http/calendar-patterns';
import { CheckedAgainstPack, isPlainRecord, requiredField, unknownCode } from '../http/pack-check';
import { TextField, TextListField } from '../http/text-field';

/** Finance pays a reward that has become due (§III.5). */
export class PayRewardDto {
  @TextField({
    maxLength: 200,
    example: 'finance/2027/0042',
    description: "Finance's own reference for the payment.",
  })
  paymentRef!: string;
}

/** The special plan and the work plan (§IV.2): one document reference per document code of the pack. */
@CheckedAgainstPack(({ documents }, policy) => {
  if (!isPlainRecord(documents)) return [];
  const codes = policy.planning.documents.map((document) => document.code);
  return [
    ...Object.keys(documents)
      .filter((code) => !codes.includes(code))
      .map((code) => unknownCode(`documents.${code}`, code, codes)),
    ...codes
      .filter((code) => documents[code] === undefined)
      .map((code) => requiredField(`documents.${code}`)),
  ];
})
export class SubmitPlanDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'special-plan': 'doc://luxi/special-plan-v1', 'work-plan': 'doc://luxi/work-plan-v1' },
  })
  @IsRecordOf('string')
  documents!: Record<string, string>;
}

export class GrantPlanExtensionDto {
  @ApiProperty({
    example: '2027-09-30',
    format: 'date',
    pattern: calendarDatePattern,
    description: 'A Shanghai date; the plan is due by the end of it.',
  })
  @Matches(new RegExp(calendarDatePattern), { message: 'until must be a date (YYYY-MM-DD)' })
  until!: string;
}

export class ApprovePlanDto {
  @TextField({ maxLength: 2000, optional: true, example: '同意' })
  note?: string;
}

export class ReturnPlanDto {
  @TextListField({ maxLength: 2000, minItems: 1, maxItems: 50, example: '游客容量测算不足' })
  reasons!: string[];
}
