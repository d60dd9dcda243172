import { Controller, Get, Param, PipeTransform, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DECISION_KINDS, type DecisionKind } from '../../../infra/audit/decision-csv';
import type { ProgrammeStateAt, TownStateAt } from '../../../infra/audit/state-at';
import { Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { validationProblem } from '../errors/problem';
import { townIdPipe } from '../towns/town-problems';
import {
  AsOfQueryDto,
  AuditTownHistoryDto,
  decisionKindParam,
  ProgrammeStateAtDto,
  TownStateAtDto,
} from './audit-reads.dto';
import { AuditReadsService } from './audit-reads.service';

const decisionKindPipe: PipeTransform<string, DecisionKind> = {
  transform(value: string): DecisionKind {
    const kind = DECISION_KINDS.find((known) => known === value);
    if (kind === undefined) {
      throw validationProblem([
        { field: 'kind', code: 'UNKNOWN_KIND', message: `kind must be one of ${DECISION_KINDS.join(', ')}` },
      ]);
    }
    return kind;
  },
};

/** What `npm run audit` answers from the store, over HTTP: history with hashes, state as of, decisions. */
@ApiTags('audit')
@Controller('audit')
export class AuditReadsController {
  constructor(private readonly reads: AuditReadsService) {}

  @Get('towns/:townId/history')
  @Reads('town')
  @HeavyRead()
  @ApiOperation({
    summary: "A town's every event with who, when, under which rules, and its hashes",
    description: 'Every seat; county officials their own county’s towns.',
  })
  @ApiOkResponse({ type: AuditTownHistoryDto })
  @ApiProblems(400, 401, 403, 404, 429)
  history(@Param('townId', townIdPipe) townId: string): Promise<AuditTownHistoryDto> {
    return this.reads.history(townId);
  }

  @Get('towns/:townId/state')
  @Reads('town')
  @HeavyRead()
  @ApiOperation({
    summary: "A town's state as of an instant (as `npm run audit -- state --town`)",
    description: 'Every seat; county officials their own county’s towns.',
  })
  @ApiOkResponse({ type: TownStateAtDto })
  @ApiProblems(400, 401, 403, 404, 429)
  townState(@Param('townId', townIdPipe) townId: string, @Query() query: AsOfQueryDto): Promise<TownStateAt> {
    return this.reads.townState(townId, query);
  }

  @Get('programme/state')
  @Reads('programme-state-at')
  @HeavyRead()
  @ApiOperation({
    summary: 'Every town, batch and programme as of an instant (as `npm run audit -- state --programme`)',
    description: 'Every seat but county officials.',
  })
  @ApiOkResponse({ type: ProgrammeStateAtDto })
  @ApiProblems(400, 401, 403, 429)
  programmeState(@Query() query: AsOfQueryDto): Promise<ProgrammeStateAt> {
    return this.reads.programmeState(query);
  }

  @Get('decisions/:kind')
  @Reads('decision-csv')
  @HeavyRead()
  @ApiOperation({
    summary:
      'Ratings, rewards, exits, recommendations or acceptance as CSV (as `npm run audit -- export-csv`)',
    description:
      'Every seat but county officials. UTF-8 with a byte-order mark, CRLF; each row names its event (position, id, chain hash).',
  })
  @ApiParam(decisionKindParam)
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(400, 401, 403, 429)
  async decisions(
    @Param('kind', decisionKindPipe) kind: DecisionKind,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const csv = await this.reads.decisions(kind);
    response.type('text/csv; charset=utf-8').attachment(`${kind}.csv`);
    return csv;
  }
}
