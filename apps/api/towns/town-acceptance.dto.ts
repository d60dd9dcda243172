import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';

/** One member unit's site inspection in the final acceptance (§IV.4). */
export class SiteInspectionDto {
  @ApiProperty({ example: 'construction', description: "A member unit's code from the policy pack." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unit!: string;
  @ApiProperty() @IsBoolean() satisfactory!: boolean;
  @ApiProperty({ example: 'construction on site' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  findings!: string;
}

export const acceptanceRecommendations = ['accept', 'reject'] as const;

/** The opinion's finding on one acceptance criterion of the pack (§IV.4's four in Pingxiang's). */
export class AcceptanceFindingDto {
  @ApiProperty({ example: 'targets-met', description: "An acceptance criterion's code from the pack." })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  criterion!: string;
  @ApiProperty() @IsBoolean() met!: boolean;
  @ApiProperty({ example: '专项规划确定的各项目标均已如期完成' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  finding!: string;
}

export class AcceptanceOpinionDto {
  @ApiProperty({ enum: acceptanceRecommendations })
  @IsIn(acceptanceRecommendations)
  recommendation!: (typeof acceptanceRecommendations)[number];
  @ApiProperty({ example: '达到验收要求' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion!: string;
  @ApiPropertyOptional({
    type: [AcceptanceFindingDto],
    description:
      'One finding per acceptance criterion of the pack, where it sets criteria; acceptance may be recommended only when every one is met.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AcceptanceFindingDto)
  findings?: AcceptanceFindingDto[];
}

export class AcceptanceDeliberationDto {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @ApiProperty({ example: 'minutes/2030-12/luxi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  minutesRef!: string;
}
