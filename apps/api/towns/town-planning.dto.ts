import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsRecordOf } from '../commands/record.validator';

/** Finance pays a reward that has become due (§III.5). */
export class PayRewardDto {
  @ApiProperty({ example: 'finance/2027/0042', description: "Finance's own reference for the payment." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  paymentRef!: string;
}

/** The special plan and the work plan (§IV.2): one document reference per document code of the pack. */
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
  @ApiProperty({ example: '2027-09-30', description: 'A Shanghai date; the plan is due by the end of it.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date (YYYY-MM-DD)' })
  until!: string;
}

export class ApprovePlanDto {
  @ApiPropertyOptional({ example: '同意' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReturnPlanDto {
  @ApiProperty({ type: [String], example: ['游客容量测算不足'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  reasons!: string[];
}
