import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Principal } from '../../../infra/auth/principal';
import { Caller, Reads } from '../auth/auth.decorators';
import { idempotencyKeyHeader } from '../commands/command-route.decorator';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { uuidPipe } from '../http/uuid';
import { idempotencyKeyOf } from '../idempotency/idempotency-key';
import { AuditJobDto, AuditJobListDto, AuditJobListQueryDto, StartAuditJobDto } from './audit-jobs.dto';
import { AuditJobsService } from './audit-jobs.service';

const jobIdPipe = uuidPipe('jobId');

const mediaTypes: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.pem': 'application/x-pem-file',
  '.csv': 'text/csv; charset=utf-8',
};

function mediaTypeOf(name: string): string {
  const extension = /\.[a-z]+$/.exec(name)?.[0] ?? '';
  return mediaTypes[extension] ?? 'application/octet-stream';
}

/** Long audit checks as workflows: started with a POST, polled with a GET, their files downloaded. */
@ApiTags('audit')
@Controller('audit/jobs')
export class AuditJobsController {
  constructor(private readonly jobs: AuditJobsService) {}

  @Post()
  @HttpCode(202)
  @Reads('audit-jobs')
  @ApiOperation({
    summary: 'Start a verify, replay, redecide or export job',
    description:
      'Auditors only. Answers at once with the job (also at `Location`); poll it until it is `completed` or `failed`. ' +
      'A job only reads: it never writes to the event store. At most `AUDIT_JOBS_PER_AUDITOR` jobs per auditor and ' +
      '`AUDIT_JOBS_MAX_RUNNING` in all run at once; one more is 429 `AUDIT_JOBS_LIMIT_REACHED` with Retry-After. ' +
      'A replay without `workflowIds` lists the runs it replays: on a Temporal server that cannot list them ' +
      '(training mode) it is 501 `TEMPORAL_FEATURE_UNAVAILABLE`, and no job starts.',
  })
  @ApiHeader({
    ...idempotencyKeyHeader,
    description:
      'The same key and body find the job already started (`Idempotent-Replayed: true`) instead of starting another; the same key with another body is refused (422).',
  })
  @ApiAcceptedResponse({
    type: AuditJobDto,
    description: 'Started (or found again under its Idempotency-Key).',
  })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422, 429, 501, 503)
  async start(
    @Body() dto: StartAuditJobDto,
    @Caller() caller: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AuditJobDto> {
    const { job, replayed } = await this.jobs.start(dto, caller, {
      idempotencyKey: idempotencyKeyOf(key),
      method: request.method,
      path: request.path,
    });
    response.location(job.url);
    if (replayed) response.set('Idempotent-Replayed', 'true');
    return job;
  }

  @Get()
  @Reads('audit-jobs')
  @HeavyRead()
  @ApiOperation({ summary: 'Recent audit jobs', description: 'Auditors only.' })
  @ApiOkResponse({ type: AuditJobListDto })
  @ApiProblems(400, 401, 403, 429, 501, 503)
  list(@Query() query: AuditJobListQueryDto): Promise<AuditJobListDto> {
    return this.jobs.list(query.limit ?? 20);
  }

  @Get(':jobId')
  @Reads('audit-jobs')
  @HeavyRead()
  @ApiOperation({
    summary: 'A job: running with its progress, completed with its report, or failed with the error',
    description: 'Auditors only.',
  })
  @ApiOkResponse({ type: AuditJobDto })
  @ApiProblems(400, 401, 403, 404, 429, 503)
  get(@Param('jobId', jobIdPipe) jobId: string): Promise<AuditJobDto> {
    return this.jobs.get(jobId);
  }

  @Get(':jobId/files/:name')
  @Reads('audit-jobs')
  @HeavyRead()
  @ApiOperation({
    summary: "Download one of a completed job's files",
    description:
      'Auditors only. `name` as the job lists it, URL-encoded (`keys/x.public.pem` → `keys%2Fx.public.pem`). ' +
      'An export’s files, saved under their names in one directory, verify offline: `npm run audit -- verify --bundle <dir>`.',
  })
  @ApiParam({ name: 'name', example: 'manifest.json' })
  @ApiProduces(
    'application/json',
    'application/x-ndjson',
    'application/x-pem-file',
    'application/octet-stream',
  )
  @ApiOkResponse({
    description: 'The file; `Repr-Digest` carries its SHA-256.',
    content: {
      // Reports, manifests and signatures: JSON objects, served as written.
      'application/json': { schema: { type: 'object', additionalProperties: true } },
      'application/x-ndjson': { schema: { type: 'string', format: 'binary' } },
      'application/x-pem-file': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiProblems(400, 401, 403, 404, 410, 429, 503)
  async file(
    @Param('jobId', jobIdPipe) jobId: string,
    @Param('name') name: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.jobs.file(jobId, name);
    response.set('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
    return new StreamableFile(createReadStream(file.path), {
      type: mediaTypeOf(file.name),
      length: file.bytes,
      disposition: `attachment; filename="${basename(file.name)}"`,
    });
  }
}
