import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the health routes answer (the liveness and readiness probes). */
export class LiveDto {
  @ApiProperty({ enum: ['up'] }) status!: 'up';
}

export class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ example: 'pglite' }) kind?: string;
}

export class ReadModelsStatusDto {
  @ApiProperty({ example: '42', description: 'Global position folded so far.' }) checkpoint!: string;
  @ApiProperty() running!: boolean;
  @ApiPropertyOptional({ description: 'Last failure following the store (it retries).' }) lastError?: string;
  @ApiProperty() skippedEvents!: number;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: CheckDto }) temporal!: CheckDto;
  @ApiProperty({ type: CheckDto }) eventStore!: CheckDto;
  @ApiProperty({
    type: CheckDto,
    description:
      'Up when no application window is open by the calendar, or its batch has opened in its workflow.',
  })
  programme!: CheckDto;
  @ApiProperty({
    type: CheckDto,
    description: 'Up once the read models have folded the log as it stood (after a start they begin at 0).',
  })
  readModels!: CheckDto;
  @ApiPropertyOptional({
    type: CheckDto,
    description:
      "Present when a worker was asked (the open window's batch queried): down when none answered in time.",
  })
  workers?: CheckDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['up', 'down'] }) status!: string;
  @ApiProperty({ type: ReadinessChecksDto }) checks!: ReadinessChecksDto;
  @ApiProperty({ type: ReadModelsStatusDto, description: 'Informational: queries wait for it themselves.' })
  readModels!: ReadModelsStatusDto;
}
