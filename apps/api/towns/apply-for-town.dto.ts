import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const candidateKinds = ['administrative-town', 'innovation-platform'] as const;

/** A county/district government's application for one town (mission.md, Lifecycle 1). */
export class ApplyForTownDto {
  @ApiProperty({ example: '麻山汽车风情小镇', description: 'The town or platform name.', maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ example: '芦溪县', description: 'County/district, by Chinese name or code (e.g. `luxi`).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  county!: string;

  @ApiProperty({ enum: candidateKinds, example: 'administrative-town' })
  @IsIn(candidateKinds)
  kind!: (typeof candidateKinds)[number];

  @ApiProperty({ example: 'leisure-tourism', description: 'Industry tag from the policy pack.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  industry!: string;

  @ApiProperty({ example: '2017', description: 'The application batch.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  batchId!: string;
}
