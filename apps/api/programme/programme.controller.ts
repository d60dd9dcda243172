import { Controller, Get, Inject } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../infra/auth/principal';
import { programmeOverview } from '../../../infra/read-models/programme-overview';
import { API_SETTINGS, type ApiSettings } from '../api.tokens';
import { Caller, Reads } from '../auth/auth.decorators';
import { ApiProblems } from '../errors/problem.dto';
import { MinPosition, minPositionHeader } from '../read-models/min-position';
import { ReadModelsService } from '../read-models/read-models.service';
import { ProgrammeOverviewDto } from './programme-overview.dto';

@ApiTags('programme')
@Controller('programme')
export class ProgrammeController {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  @Get('overview')
  @Reads('programme-overview')
  @ApiHeader(minPositionHeader)
  @ApiOkResponse({
    type: ProgrammeOverviewDto,
    description:
      'Towns by status, quota use per county, funds committed and paid, ratings by year, the provincial list against its target, projects and approvals, money by source, land granted.',
  })
  @ApiProblems(400, 401, 403, 503)
  async overview(
    @Caller() caller: Principal,
    @MinPosition() minPosition: bigint | undefined,
  ): Promise<ProgrammeOverviewDto> {
    await this.readModels.catchUpFor(caller, minPosition);
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
}
