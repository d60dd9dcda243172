import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

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

export class AcceptanceOpinionDto {
  @ApiProperty({ enum: acceptanceRecommendations })
  @IsIn(acceptanceRecommendations)
  recommendation!: (typeof acceptanceRecommendations)[number];
  @ApiProperty({ example: '达到验收要求' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  opinion!: string;
}

export class AcceptanceDeliberationDto {
  @ApiProperty() @IsBoolean() accepted!: boolean;
  @ApiProperty({ example: 'minutes/2030-12/luxi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  minutesRef!: string;
}
