import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class DeadlinesQueryDto {
  @ApiPropertyOptional({
    example: '30d',
    default: '30d',
    description: 'How far ahead: hours (`48h`) or days (`30d`), at most 366 days.',
  })
  @IsOptional()
  @Matches(/^\d{1,4}[hd]$/, { message: 'within must be a number of hours or days, e.g. 48h or 30d' })
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
