import { Controller, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { upcomingDeadlines } from '../read-models/upcoming-deadlines';
import { API_SETTINGS, nowOf, type ApiSettings } from '../api.tokens';
import { ReadOf, ReadRoute, type Read } from '../read-models/read-route.decorator';
import { ReadModelsService } from '../read-models/read-models.service';
import { DeadlinesDto, DeadlinesQueryDto } from './deadlines.dto';

const hourMs = 3_600_000;

@ApiTags('deadlines')
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    private readonly readModels: ReadModelsService,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  /** A county official sees their county's towns' deadlines and those that concern every county. */
  @ReadRoute('', 'deadlines', [400, 401, 403, 503], {
    type: DeadlinesDto,
    description: 'Pending deadlines falling due within the window, soonest first.',
  })
  async upcoming(@Query() query: DeadlinesQueryDto, @ReadOf() read: Read): Promise<DeadlinesDto> {
    // The pattern (deadlines.dto.ts) has bounded the window to 1 hour … 366 days.
    const within = query.within ?? '30d';
    const windowMs = Number(within.slice(0, -1)) * (within.endsWith('d') ? 24 * hourMs : hourMs);
    await this.readModels.catchUpFor(read);
    const now = Date.parse(nowOf(this.settings));
    const from = new Date(now).toISOString();
    const until = new Date(now + windowMs).toISOString();
    const { county } = read.scope;
    return {
      from,
      until,
      items: upcomingDeadlines(this.readModels.models, { from, until, ...(county ? { county } : {}) }),
      asOfPosition: this.readModels.status.checkpoint.toString(),
    };
  }
}
