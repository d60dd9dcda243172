import { Controller, Get, Inject, Param, PipeTransform, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { townDecider } from '../../../domain/town';
import { type AsOf, parseAsOf } from '../../../audit/state-at/as-of';
import { chainedLog } from '../../../audit/export/bundle-export';
import { DECISION_KINDS, DecisionExport, type DecisionKind } from '../../../domain/audit/decision-csv';
import { readPages } from '../../../audit/shared/log-pages';
import {
  programmeStateAt,
  type ProgrammeStateAt,
  townStateAt,
  type TownStateAt,
} from '../../../audit/state-at/state-at';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { EVENT_STORE } from '../api.tokens';
import { Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { HeavyRead } from '../http/caller-rate-limit';
import { unknownDecisionKind } from '../http/path-checks';
import { validationProblem } from '../errors/problem';
import { townIdPipe, townNotFound } from '../shared/town-problems';
import { historyEventDto } from '../towns';
import { asAuditProblem } from './audit-problems';
import {
  AsOfQueryDto,
  AuditTownHistoryDto,
  decisionKindParam,
  ProgrammeStateAtDto,
  TownStateAtDto,
} from './audit-reads.dto';

const decisionKindPipe: PipeTransform<string, DecisionKind> = {
  transform(value: string): DecisionKind {
    const kind = DECISION_KINDS.find((known) => known === value);
    if (kind === undefined) throw validationProblem([unknownDecisionKind()]);
    return kind;
  },
};

/**
 * What `npm run audit` answers from the store, over HTTP, exactly as the CLI answers it: history with
 * hashes, state as of, decisions. From the store itself: the record, not the read models.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditReadsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('towns/:townId/history')
  @Reads('town')
  @HeavyRead()
  @ApiOperation({
    summary: "A town's every event with who, when, under which rules, and its hashes",
    description: 'Every seat; county officials their own county’s towns.',
  })
  @ApiOkResponse({ type: AuditTownHistoryDto })
  @ApiProblems(400, 401, 403, 404, 429)
  async history(@Param('townId', townIdPipe) townId: string): Promise<AuditTownHistoryDto> {
    // Read once, from the chained log: every event comes with its hashes, in stream order.
    const stream = townDecider.streamOf(townId);
    const events = await asAuditProblem(
      Promise.resolve().then(() => chainedLog(this.store).readStream(stream)),
    );
    if (events.length === 0) throw townNotFound(townId);
    return {
      townId,
      stream,
      events: events.map((event) => ({
        ...historyEventDto(event),
        contentHash: event.contentHash,
        chainHash: event.chainHash,
        ...(event.logHash === undefined ? {} : { logHash: event.logHash }),
      })),
    };
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
  async townState(
    @Param('townId', townIdPipe) townId: string,
    @Query() query: AsOfQueryDto,
  ): Promise<TownStateAt> {
    const asOf = await asAuditProblem(Promise.resolve().then(() => asOfOf(query)));
    return asAuditProblem(townStateAt(this.store, townId, asOf), townId);
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
  async programmeState(@Query() query: AsOfQueryDto): Promise<ProgrammeStateAt> {
    const asOf = await asAuditProblem(Promise.resolve().then(() => asOfOf(query)));
    return asAuditProblem(programmeStateAt(this.store, asOf));
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
    // Each row names its event, with its chain hash where the store keeps one.
    const decisions = new DecisionExport();
    for await (const page of readPages(this.store.chained ?? this.store, 0n)) {
      for (const event of page) decisions.add(event);
    }
    const csv = decisions.csv(kind);
    response.type('text/csv; charset=utf-8').attachment(`${kind}.csv`);
    return csv;
  }
}

function asOfOf(query: AsOfQueryDto): AsOf {
  return parseAsOf(query.at, query.basis ?? 'occurred');
}
