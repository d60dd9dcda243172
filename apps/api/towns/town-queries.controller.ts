import { Controller, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { findCounty } from '../../../domain/policy/policy-rules';
import { allowedTownCommands } from '../../../domain/town/town.allowed';
import { queryTowns } from '../read-models/town-list-query';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
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
    // A county's seat reads their own county's list whatever they ask for (the edge has refused them
    // another county's); the others filter by any county of the programme, named as they like.
    const requested =
      query.county === undefined
        ? undefined
        : (findCounty(this.settings.policy, query.county)?.code ?? query.county);
    const county = read.scope.county ?? requested;
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
}
