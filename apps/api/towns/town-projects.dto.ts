import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { refuse } from '../../../domain/shared/domain-refusal';
import { calendarDatePattern } from '../http/calendar-patterns';
import { CheckedAgainstPack, refusedField, textOf } from '../http/pack-check';
import { TextField } from '../http/text-field';

/** A project inside the town (§III.2), under the county's own project code. */
export class RegisterProjectDto {
  @TextField({
    maxLength: 100,
    example: 'SL-2017-01',
    description: "The county's code for the project, unique in the town.",
  })
  projectId!: string;

  @TextField({ maxLength: 200, example: '花炮文化街区' })
  name!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 1e13,
    example: 300000000,
    description: 'Planned investment, whole yuan.',
  })
  @IsInt()
  @Min(1)
  @Max(1e13)
  investmentPlannedYuan!: number;
}

/** §III.2 "整体打包列入市重点项目调度": the project's place in the city's key-project schedule. */
export class KeyScheduleDto {
  @TextField({ maxLength: 200, example: '萍重点办〔2017〕5号' })
  reference!: string;
}

/**
 * One approval procedure of the project, through the green channel or not, with its dates: a procedure
 * and fast-track methods of the pack's, the methods through the green channel only.
 */
@CheckedAgainstPack((fields, { measures }) => {
  if (!measures) return [];
  const procedure = textOf(fields, 'procedure');
  const fastTrack: unknown[] = Array.isArray(fields.fastTrack) ? fields.fastTrack : [];
  const refusals = [
    ...(procedure === undefined || measures.approvalProcedures.some((rule) => rule.code === procedure)
      ? []
      : [refuse('APPROVAL_PROCEDURE_UNKNOWN', { field: 'procedure', procedure })]),
    ...fastTrack.flatMap((method, index) =>
      typeof method !== 'string' || measures.fastTrackMethods.some((rule) => rule.code === method)
        ? []
        : [refuse('FAST_TRACK_UNKNOWN', { field: `fastTrack.${index}`, method })],
    ),
    ...(fields.greenChannel === false && fastTrack.length > 0
      ? [refuse('FAST_TRACK_WITHOUT_GREEN_CHANNEL', { field: 'fastTrack' })]
      : []),
  ];
  return refusals.map(refusedField);
})
export class ProjectApprovalDto {
  @TextField({
    maxLength: 100,
    example: 'project-initiation',
    description: 'An approval procedure code of the pack.',
  })
  procedure!: string;

  @ApiProperty({
    example: '2017-07-03',
    format: 'date',
    pattern: calendarDatePattern,
    description: 'Shanghai date the approval was applied for.',
  })
  @Matches(new RegExp(calendarDatePattern), { message: 'must be a date (YYYY-MM-DD)' })
  appliedOn!: string;

  @ApiProperty({
    example: '2017-07-10',
    format: 'date',
    pattern: calendarDatePattern,
    description: 'Shanghai date it was approved.',
  })
  @Matches(new RegExp(calendarDatePattern), { message: 'must be a date (YYYY-MM-DD)' })
  approvedOn!: string;

  @ApiProperty({ description: 'Approved through the green channel (§III.2 联审联批快捷审批).' })
  @IsBoolean()
  greenChannel!: boolean;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 100 },
    maxItems: 20,
    example: ['build-while-approving'],
    description: "The pack's fast-track methods used (green channel only).",
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  fastTrack!: string[];

  @TextField({ maxLength: 200, example: '萍发改字〔2017〕21号' })
  reference!: string;
}

/** The project's investment completed so far (cumulative) and whether it is finished. */
export class ProjectProgressUpdateDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 1e13, example: 150000000 })
  @IsInt()
  @Min(0)
  @Max(1e13)
  investmentCompletedYuan!: number;

  @ApiProperty() @IsBoolean() completed!: boolean;
}
