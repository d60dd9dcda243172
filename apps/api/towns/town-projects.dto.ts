import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const localDate = /^\d{4}-\d{2}-\d{2}$/;

/** A project inside the town (§III.2), under the county's own project code. */
export class RegisterProjectDto {
  @ApiProperty({
    example: 'SL-2017-01',
    description: "The county's code for the project, unique in the town.",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  projectId!: string;

  @ApiProperty({ example: '花炮文化街区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 300000000, description: 'Planned investment, whole yuan.' })
  @IsInt()
  @Min(1)
  @Max(1e13)
  investmentPlannedYuan!: number;
}

/** §III.2 "整体打包列入市重点项目调度": the project's place in the city's key-project schedule. */
export class KeyScheduleDto {
  @ApiProperty({ example: '萍重点办〔2017〕5号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;
}

/** One approval procedure of the project, through the green channel or not, with its dates. */
export class ProjectApprovalDto {
  @ApiProperty({ example: 'project-initiation', description: 'An approval procedure code of the pack.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  procedure!: string;

  @ApiProperty({ example: '2017-07-03', description: 'Shanghai date the approval was applied for.' })
  @Matches(localDate)
  appliedOn!: string;

  @ApiProperty({ example: '2017-07-10', description: 'Shanghai date it was approved.' })
  @Matches(localDate)
  approvedOn!: string;

  @ApiProperty({ description: 'Approved through the green channel (§III.2 联审联批快捷审批).' })
  @IsBoolean()
  greenChannel!: boolean;

  @ApiProperty({
    type: [String],
    example: ['build-while-approving'],
    description: "The pack's fast-track methods used (green channel only).",
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  fastTrack!: string[];

  @ApiProperty({ example: '萍发改字〔2017〕21号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference!: string;
}

/** The project's investment completed so far (cumulative) and whether it is finished. */
export class ProjectProgressDto {
  @ApiProperty({ example: 150000000 })
  @IsInt()
  @Min(0)
  @Max(1e13)
  investmentCompletedYuan!: number;

  @ApiProperty() @IsBoolean() completed!: boolean;
}
