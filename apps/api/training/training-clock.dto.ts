import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { UpcomingDeadlineDto } from '../deadlines';
import { calendarDatePattern } from '../http/calendar-patterns';

/**
 * The next deadline as anyone may read it, signed in or not: when and what, never whose. The town, its
 * name and its county are left out, so the public clock tells no county about another's towns.
 */
export class TrainingClockDeadlineDto extends PickType(UpcomingDeadlineDto, [
  'scope',
  'name',
  'dueAt',
  'fires',
] as const) {}

export class TrainingClockDto {
  @ApiProperty({ format: 'date-time', description: 'The virtual instant of this training run.' })
  now!: string;
  @ApiProperty({
    type: TrainingClockDeadlineDto,
    nullable: true,
    description:
      'The pending deadline that falls due first, without its subject; null when none is pending. ' +
      'The administrator who moves the clock is answered with the whole deadline.',
  })
  nextDeadline!: TrainingClockDeadlineDto | null;
}

/** Exactly one of the two: to the next deadline, or to 09:00 of a Shanghai date. */
export class MoveTrainingClockDto {
  @ApiPropertyOptional({ enum: ['next-deadline'], description: 'Past the deadline that falls due first.' })
  @IsOptional()
  @IsIn(['next-deadline'])
  to?: 'next-deadline';

  @ApiPropertyOptional({
    example: '2027-03-31',
    format: 'date',
    pattern: calendarDatePattern,
    description: 'A Shanghai date: the clock moves to 09:00 of it, and everything due before then fires.',
  })
  @IsOptional()
  @Matches(new RegExp(calendarDatePattern), { message: 'date must be a date (YYYY-MM-DD)' })
  date?: string;
}

/** The administrator's answer: whole deadlines, subjects included (the seat sees every county). */
export class TrainingClockMovedDto {
  @ApiProperty({ format: 'date-time', description: 'The virtual instant after the move.' })
  now!: string;
  @ApiProperty({
    type: UpcomingDeadlineDto,
    nullable: true,
    description: 'The pending deadline that now falls due first; null when none is pending.',
  })
  nextDeadline!: UpcomingDeadlineDto | null;
  @ApiProperty({ format: 'date-time', description: 'The virtual instant before the move.' })
  from!: string;
  @ApiProperty({
    type: UpcomingDeadlineDto,
    nullable: true,
    description: 'The deadline the clock was moved past (for `to: next-deadline`).',
  })
  passed!: UpcomingDeadlineDto | null;
}
