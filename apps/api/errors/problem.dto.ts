import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'county' }) field!: string;
  @ApiProperty({ example: 'COUNTY_UNKNOWN' }) code!: string;
  @ApiProperty({
    example: '"南昌县" is not a county or district of this programme.',
    description: 'In the language asked for with `Accept-Language` (`zh` or English, the default).',
  })
  message!: string;
  @ApiProperty({ example: '"南昌县" is not a county or district of this programme.' }) messageEn!: string;
  @ApiProperty({ example: '“南昌县”不是本方案所列的县区。' }) messageZh!: string;
}

/** The one error shape (RFC 9457), as `application/problem+json`. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:towns:problem:application-window-closed' }) type!: string;
  @ApiProperty({ example: 'Conflict' }) title!: string;
  @ApiProperty({ example: 409 }) status!: number;
  @ApiProperty({
    example: 'APPLICATION_WINDOW_CLOSED',
    description:
      'Stable and machine-readable. A problem that names fields (`errors`) has the code they share, and ' +
      '`VALIDATION_FAILED` (422: `FIELDS_INCONSISTENT`) when they differ.',
  })
  code!: string;
  @ApiProperty({
    example: 'Applications for batch 2017 closed at 2017-03-31T15:59:59.999Z.',
    description: 'In the language asked for with `Accept-Language` (`zh` or English, the default).',
  })
  detail!: string;
  @ApiProperty({ example: 'Applications for batch 2017 closed at 2017-03-31T15:59:59.999Z.' })
  messageEn!: string;
  @ApiProperty({ example: '第2017批集中申报已于2017-03-31T15:59:59.999Z截止。' }) messageZh!: string;
  @ApiPropertyOptional({
    type: [FieldProblemDto],
    description: 'One entry per bad field (400, 422), each with its own code; every bad field at once.',
  })
  errors?: FieldProblemDto[];
  @ApiPropertyOptional({ example: 'req-7f3a', description: 'The X-Request-Id of the request.' })
  requestId?: string;
}

const descriptions: Readonly<Record<number, string>> = {
  400: "A field is missing, of the wrong type, out of range or not one of the pack's codes; `errors` names each one.",
  401: 'No bearer token, or an invalid, expired or foreign one (`WWW-Authenticate: Bearer`).',
  403: "The caller's seat may not do this, or a county official acts outside their county.",
  404: 'No such town, batch or job, or the body names a town or workflow that does not exist.',
  405: 'The path does not take this method; `Allow` lists those it takes.',
  409: 'The lifecycle refused the step; `code` says which rule.',
  413: 'The request body is larger than the API accepts.',
  410: 'It existed, but is gone for good: a finished audit job whose files were deleted after their retention.',
  415: 'The request body is not `application/json`.',
  422: "The Idempotency-Key was already used with another request (`IDEMPOTENCY_KEY_REUSED`), or a well-formed field that the entity's record makes wrong, e.g. project progress a town's registered projects give (`errors` names it).",
  429: 'Too many requests: the documents per client address, commands and heavy reads per caller, audit jobs running per auditor and in all; see Retry-After.',
  501: 'This Temporal server cannot answer it: the time-skipping server of training mode has no visibility API.',
  503: 'Temporal, the event store or the read models are not available; see Retry-After.',
};

/** Documents the problem answers a route can give, all with the one schema. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: descriptions[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
