import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** 1 to 8,784 hours (366 days) or 1 to 366 days, written without leading zeros. */
export const windowPattern =
  '^(?:(?:[1-9]|[1-9]\\d|[12]\\d\\d|3[0-5]\\d|36[0-6])d|(?:[1-9]|[1-9]\\d|[1-9]\\d\\d|[1-7]\\d{3}|8[0-6]\\d\\d|87[0-7]\\d|878[0-4])h)$';

export class DeadlinesQueryDto {
  @ApiPropertyOptional({
    example: '30d',
    default: '30d',
    pattern: windowPattern,
    description: 'How far ahead: hours (`48h`) or days (`30d`), at most 366 days.',
  })
  @IsOptional()
  @Matches(new RegExp(windowPattern), {
    message: 'within must be 1h to 8784h or 1d to 366d, e.g. 48h or 30d',
  })
  within?: string;
}

export class UpcomingDeadlineDto {
  @ApiProperty({ enum: ['town', 'batch', 'programme'] }) scope!: string;
  @ApiProperty({ description: 'Town id, batch id or programme id.' }) subjectId!: string;
  @ApiProperty({ type: String, nullable: true, example: '麻山汽车风情小镇' }) subjectName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'luxi', description: 'Null: concerns every county.' })
  county!: string | null;
  @ApiProperty({ example: 'plan-submission' }) name!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'MarkPlanOverdue',
    description: 'What the scheduler does when it falls due; null when a person must act.',
  })
  fires!: string | null;
}

export class DeadlinesDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) until!: string;
  @ApiProperty({ type: [UpcomingDeadlineDto] }) items!: UpcomingDeadlineDto[];
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
