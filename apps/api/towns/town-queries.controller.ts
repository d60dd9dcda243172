import { Controller, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { findBatch, findCounty, findRating } from '../../../domain/policy/policy-rules';
import { allowedTownCommands } from '../../../domain/town/town.allowed';
import { queryTowns } from '../read-models/town-list-query';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
import { validationProblem } from '../errors/problem';
import { ReadOf, ReadRoute, type Read } from '../read-models/read-route.decorator';
import { ReadModelsService } from '../read-models/read-models.service';
import { TownListQueryDto } from './town-list-query.dto';
import { TownDetailDto, TownPageDto } from './town-view.dto';
import { townDetail, townSummary } from './town-views';

/** Answers from the read models, after they have caught up with what the caller wrote. */
@ApiTags('towns')
@Controller('towns')
export class TownQueriesController {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @ReadRoute('', 'town-list', [400, 401, 403, 503], {
    type: TownPageDto,
    description: 'One page of towns matching the filters.',
  })
  async list(@Query() query: TownListQueryDto, @ReadOf() read: Read): Promise<TownPageDto> {
    const requested = this.countyFilter(query.county);
    const county = read.scope.county ?? requested;
    this.checkFilters(query);
    await this.readModels.catchUpFor(read);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const sort = query.sort ?? '-appliedAt';
    const result = queryTowns(this.readModels.models.towns(), {
      ...(county === undefined ? {} : { county }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.batch === undefined ? {} : { batchId: query.batch }),
      ...(query.kind === undefined ? {} : { kind: query.kind }),
      ...(query.rating === undefined ? {} : { rating: query.rating }),
      ...(query.year === undefined ? {} : { year: query.year }),
      sort,
      page,
      pageSize,
    });
    return {
      items: result.items.map(townSummary),
      page,
      pageSize,
      total: result.total,
      sort,
      asOfPosition: this.readModels.status.checkpoint.toString(),
    };
  }

  @ReadRoute(':townId', 'town', [400, 401, 403, 404, 503], {
    type: TownDetailDto,
    description: 'The town as the read models know it, its deadlines, and what the caller may do next.',
  })
  async detail(@ReadOf('townId') read: Read<'townId'>): Promise<TownDetailDto> {
    const { caller } = read;
    const record = await this.readModels.townFor(read);
    const allowed = allowedTownCommands(record.state, {
      now: nowOf(this.settings),
      policy: this.settings.policy,
      seat: caller.seat,
      ...(caller.unit === undefined ? {} : { unit: caller.unit }),
    });
    const asOf = this.readModels.status.checkpoint;
    const recentSteps = await this.readModels.recentSteps(record);
    return townDetail(record, recentSteps, allowed[caller.seat], asOf);
  }

  /**
   * The list's county filter. A county's seat reads their own county's list whatever they ask for (the
   * edge has refused them another county's); every other seat filters by any county of the programme.
   */
  private countyFilter(requested: string | undefined): string | undefined {
    if (requested === undefined) return undefined;
    const county = findCounty(this.settings.policy, requested);
    if (!county) {
      throw validationProblem([
        {
          field: 'county',
          code: 'COUNTY_UNKNOWN',
          message: `"${requested}" is not a county of this programme`,
        },
      ]);
    }
    return county.code;
  }

  private checkFilters(query: TownListQueryDto): void {
    const { policy } = this.settings;
    if (query.batch !== undefined && !findBatch(policy, query.batch)) {
      throw validationProblem([
        {
          field: 'batch',
          code: 'BATCH_UNKNOWN',
          message: `"${query.batch}" is not a batch of this programme`,
        },
      ]);
    }
    if (query.rating !== undefined && !findRating(policy, query.rating)) {
      throw validationProblem([
        {
          field: 'rating',
          code: 'RATING_UNKNOWN',
          message: `"${query.rating}" is not a rating of this programme`,
        },
      ]);
    }
  }
}
