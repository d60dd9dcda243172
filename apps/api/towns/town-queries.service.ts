import { Inject, Injectable } from '@nestjs/common';
import { findBatch, findCounty, findRating } from '../../../domain/policy/policy-rules';
import { allowedTownCommands } from '../../../domain/town/town.allowed';
import type { ReadScope } from '../../../domain/access/authorize';
import type { Principal } from '../../../infra/auth/principal';
import { queryTowns } from '../../../infra/read-models/town-list-query';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
import { validationProblem } from '../errors/problem';
import { ReadModelsService } from '../read-models/read-models.service';
import type { TownListQueryDto } from './town-list-query.dto';
import type { TownDetailDto, TownPageDto } from './town-view.dto';
import { townNotFound } from './town-problems';
import { townDetail, townSummary } from './town-views';

/** Answers from the read models, after they have caught up with what the caller wrote. */
@Injectable()
export class TownQueriesService {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async list(
    caller: Principal,
    scope: ReadScope,
    query: TownListQueryDto,
    minPosition: bigint | undefined,
  ): Promise<TownPageDto> {
    const requested = this.countyFilter(query.county);
    const county = scope.county ?? requested;
    this.checkFilters(query);
    await this.readModels.catchUpFor(caller, minPosition);
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

  async detail(caller: Principal, townId: string, minPosition: bigint | undefined): Promise<TownDetailDto> {
    await this.readModels.catchUpFor(caller, minPosition);
    const record = this.readModels.models.town(townId);
    if (!record) throw townNotFound(townId);
    const allowed = allowedTownCommands(record.state, {
      now: nowOf(this.settings),
      policy: this.settings.policy,
      seat: caller.seat,
      ...(caller.unit === undefined ? {} : { unit: caller.unit }),
    });
    return townDetail(record, allowed[caller.seat], this.readModels.status.checkpoint);
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
