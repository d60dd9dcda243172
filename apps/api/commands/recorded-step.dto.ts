import { ApiProperty } from '@nestjs/swagger';

/** What one official step recorded: the events, in order, once they are in the store. */
export class RecordedStepDto {
  @ApiProperty({ example: 'town-7f…', description: 'The workflow that took the step.' })
  workflowId!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) eventIds!: string[];
  @ApiProperty({ type: [String], example: ['PlanSubmitted'] }) eventTypes!: string[];
  @ApiProperty({
    type: [String],
    example: ['42'],
    description: 'Global positions: send one as `X-Min-Position` to read your write elsewhere.',
  })
  positions!: string[];
  @ApiProperty({ example: 3, description: 'The stream version after the step.' }) streamVersion!: number;
}
