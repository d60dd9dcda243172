import { ApiProperty } from '@nestjs/swagger';

/** A batch as its workflow holds it, and what the caller's seat may do on it now. */
export class BatchViewDto {
  @ApiProperty({ example: 'pingxiang-2017' }) programmeId!: string;
  @ApiProperty({ example: '2017' }) batchId!: string;
  @ApiProperty({ example: 'batch-pingxiang-2017-2017' }) workflowId!: string;
  @ApiProperty({ example: 'pingxiang-2017' }) policyId!: string;
  @ApiProperty({ example: 'sha256 hex' }) policyVersion!: string;
  @ApiProperty({ example: 4 }) streamVersion!: number;
  @ApiProperty({ enum: ['not-opened', 'open', 'closed', 'list-decided', 'published'] }) status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The batch's state: window, applications, scores, list, deadlines.",
  })
  state!: Record<string, unknown>;
  @ApiProperty({
    type: [String],
    example: ['RecordDefenceScore'],
    description: "The steps the caller's seat may take on this batch now, as the domain decides them.",
  })
  allowedSteps!: string[];
}
