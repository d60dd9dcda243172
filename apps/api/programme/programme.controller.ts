import { Controller, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { fundsByYearAndCounty } from '../read-models/funds-ledger';
import { programmeOverview } from '../read-models/programme-overview';
import { API_SETTINGS, type ApiSettings } from '../api.tokens';
import { ReadOf, ReadRoute, type Read } from '../read-models/read-route.decorator';
import { ReadModelsService } from '../read-models/read-models.service';
import { ProgrammeFundsDto } from './programme-funds.dto';
import { ProgrammeOverviewDto } from './programme-overview.dto';

@ApiTags('programme')
@Controller('programme')
export class ProgrammeController {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @ReadRoute('overview', 'programme-overview', [400, 401, 403, 503], {
    type: ProgrammeOverviewDto,
    description:
      'Towns by status, quota use per county, funds committed and paid, ratings by year, the provincial list against its target, projects and approvals, money by source, land granted.',
  })
  async overview(@ReadOf() read: Read): Promise<ProgrammeOverviewDto> {
    await this.readModels.catchUpFor(read);
    const overview = programmeOverview(this.readModels.models.towns(), this.settings.policy);
    return {
      programme: this.settings.policy.id,
      towns: overview.towns,
      townsByStatus: { ...overview.townsByStatus },
      quotas: overview.quotas.map((quota) => ({ ...quota })),
      funds: { ...overview.funds, byReward: overview.funds.byReward.map((row) => ({ ...row })) },
      ratingsByYear: overview.ratingsByYear.map(({ year, counts }) => ({ year, counts: { ...counts } })),
      provincial: { ...overview.provincial, target: { ...overview.provincial.target } },
      projects: {
        ...overview.projects,
        approvals: {
          greenChannel: { ...overview.projects.approvals.greenChannel },
          other: { ...overview.projects.approvals.other },
        },
      },
      funding: {
        bySource: overview.funding.bySource.map((row) => ({ ...row })),
        byLevel: { ...overview.funding.byLevel },
        cityRewardsPaidYuan: overview.funding.cityRewardsPaidYuan,
        cityFunds: overview.funding.cityFunds.map((row) => ({ ...row })),
      },
      land: { ...overview.land, byYear: overview.land.byYear.map((row) => ({ ...row })) },
      asOfPosition: this.readModels.status.checkpoint.toString(),
    };
  }

  @ReadRoute('funds', 'programme-overview', [400, 401, 403, 503], {
    type: ProgrammeFundsDto,
    description:
      'The city rewards committed, paid and forfeited (or not earned), by the Shanghai year they moved in and by county.',
  })
  async funds(@ReadOf() read: Read): Promise<ProgrammeFundsDto> {
    await this.readModels.catchUpFor(read);
    const { policy } = this.settings;
    const towns = this.readModels.models.towns().map((record) => ({
      county: record.state.county,
      fundMovements: record.fundMovements,
    }));
    const funds = fundsByYearAndCounty(towns, policy);
    return {
      programme: policy.id,
      byYear: funds.byYear.map((row) => ({ ...row })),
      byCounty: funds.byCounty.map((row) => {
        const county = policy.counties.find((candidate) => candidate.code === row.county);
        return { ...row, nameZh: county?.nameZh ?? row.county, nameEn: county?.nameEn ?? row.county };
      }),
      cells: funds.cells.map((row) => ({ ...row })),
      asOfPosition: this.readModels.status.checkpoint.toString(),
    };
  }
}
