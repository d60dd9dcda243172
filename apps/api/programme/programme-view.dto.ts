import { ApiProperty } from '@nestjs/swagger';

/** The programme as its workflow holds it: calendar, listed and exited towns, recommendations. */
export class ProgrammeViewDto {
  @ApiProperty({ example: 'pingxiang-2017' }) programmeId!: string;
  @ApiProperty({ example: 'programme-pingxiang-2017' }) workflowId!: string;
  @ApiProperty({ example: 'pingxiang-2017' }) policyId!: string;
  @ApiProperty({ example: 'sha256 hex' }) policyVersion!: string;
  @ApiProperty({ example: 12 }) streamVersion!: number;
  @ApiProperty({ enum: ['not-started', 'running', 'final-acceptance', 'closed'] }) status!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The programme's state." })
  state!: Record<string, unknown>;
}
