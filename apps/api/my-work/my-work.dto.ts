import { ApiProperty } from '@nestjs/swagger';
import { UpcomingDeadlineDto } from '../deadlines';

export class MyWorkTownDto {
  @ApiProperty({ format: 'uuid' }) townId!: string;
  @ApiProperty({ example: '麻山汽车风情小镇' }) name!: string;
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ type: String, nullable: true, example: '芦溪县' }) countyNameZh!: string | null;
  @ApiProperty({ example: 'planning' }) status!: string;
  @ApiProperty({ type: [String], example: ['SubmitPlan'], description: "The caller's seat's steps now." })
  steps!: string[];
}

export class MyWorkBatchDto {
  @ApiProperty({ example: '2017' }) batchId!: string;
  @ApiProperty({ example: 'open' }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: [String], example: ['SubmitApplication'] }) steps!: string[];
}

export class MyWorkOverdueDto {
  @ApiProperty({ enum: ['town'] }) scope!: 'town';
  @ApiProperty({ format: 'uuid' }) subjectId!: string;
  @ApiProperty({ type: String, nullable: true }) subjectName!: string | null;
  @ApiProperty({ type: String, nullable: true }) county!: string | null;
  @ApiProperty({
    example: 'plan-submission',
    description: '`plan-submission`, `statistics-<year>` or a deadline.',
  })
  name!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class MyWorkReminderDto {
  @ApiProperty({ enum: ['town', 'batch', 'programme'] }) scope!: 'town' | 'batch' | 'programme';
  @ApiProperty() subjectId!: string;
  @ApiProperty({ type: String, nullable: true }) subjectName!: string | null;
  @ApiProperty({ type: String, nullable: true }) county!: string | null;
  @ApiProperty({ example: 'plan-submission' }) deadline!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ example: 7, description: 'How many days before the deadline the reminder went out.' })
  daysBefore!: number;
}

export class MyWorkDto {
  @ApiProperty({ format: 'date-time', description: "The server's time the answer was decided at." })
  now!: string;
  @ApiProperty({ format: 'date-time', description: 'The end of the 30-day deadline window.' })
  until!: string;
  @ApiProperty({ type: [MyWorkTownDto] }) towns!: MyWorkTownDto[];
  @ApiProperty({ type: [MyWorkBatchDto] }) batches!: MyWorkBatchDto[];
  @ApiProperty({ type: [UpcomingDeadlineDto] }) deadlines!: UpcomingDeadlineDto[];
  @ApiProperty({ type: [MyWorkOverdueDto] }) overdue!: MyWorkOverdueDto[];
  @ApiProperty({ type: [MyWorkReminderDto] }) reminders!: MyWorkReminderDto[];
  @ApiProperty({ example: '42' }) asOfPosition!: string;
}
