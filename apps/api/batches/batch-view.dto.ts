import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The application window and the list's dates, as instants (the pack's Shanghai dates, resolved). */
export class BatchWindowDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) opensAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closesAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '§IV.1 end of April.' })
  listDueAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
}

/** One applicant with its defence scores and its place in the ranking they give. */
export class BatchApplicantDto {
  @ApiProperty({ example: '6f1c…' }) townId!: string;
  @ApiProperty({ example: '麻山汽车风情小镇' }) name!: string;
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ example: 'administrative-town' }) kind!: string;
  @ApiProperty({ example: 'leisure-tourism' }) industry!: string;
  @ApiPropertyOptional({ description: "Described where the industry is outside the pack's list." })
  industryDescription?: string;
  @ApiProperty({ type: String, format: 'date-time' }) appliedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'The defence score per criterion of the pack; null until scored.',
  })
  scores!: Record<string, number> | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The scores weighted by the pack.' })
  weightedScore!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '1 for the highest weighted score.' })
  rank!: number | null;
  @ApiPropertyOptional({
    enum: ['unscored', 'below-passing-score', 'conditions-not-met'],
    description: 'What keeps the applicant off the list; absent when it may be listed.',
  })
  bar?: string;
  @ApiProperty({ type: [String], description: 'The application conditions the county declared.' })
  declaredConditions!: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description: "The office's finding per declared condition (true: confirmed).",
  })
  conditions?: Record<string, boolean>;
  @ApiProperty({ enum: ['pending', 'listed', 'not-listed'] }) outcome!: string;
}

/** A county's places against the pack's limit (§I.3 1–2 towns per county). */
export class BatchCountyPlacesDto {
  @ApiProperty({ example: 'luxi' }) county!: string;
  @ApiProperty({ description: 'Listed by earlier batches.' }) listedBefore!: number;
  @ApiProperty() applications!: number;
  @ApiProperty({ description: "Listed by this batch's decision; 0 before it." }) listedHere!: number;
  @ApiProperty({ example: 2 }) maxTowns!: number;
}

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
    type: String,
    format: 'date-time',
    description:
      "The server's time the view was taken at: countdowns count from it (a training clock moves).",
  })
  now!: string;
  @ApiProperty({ type: BatchWindowDto }) window!: BatchWindowDto;
  @ApiProperty({
    type: [BatchApplicantDto],
    description: 'The applications the caller may read, in the order of the ranking (unscored last).',
  })
  applicants!: BatchApplicantDto[];
  @ApiProperty({
    type: [BatchCountyPlacesDto],
    description: "Every county's places (a county official: their own), as the list decision checks them.",
  })
  counties!: BatchCountyPlacesDto[];
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
