/**
 * §III.5 "以县为主、乡镇为辅、市奖补": money for the town from the pack's funding sources, per year, each
 * recorded by the seat the pack names for its source (county officials for county and township money,
 * finance for the city's funds). The city's rewards are recorded by their own step (PayReward).
 */
import { shanghaiYearOf } from '../calendar/shanghai-calendar';
import type { DecisionContext } from '../shared/decision';
import { refuse } from '../shared/domain-refusal';
import { roleNotAllowedDetails } from '../shared/seat-names';
import type { RecordFunding } from './town.commands';
import type { TownEvent } from './town.events';
import { requireText } from './town.guards';
import { requireOwnCounty } from '../shared/command-rules';
import { requireInProgramme, requireMeasures, requireYuan } from './town-projects.handlers';
import type { TownState } from './town.state';

export function recordFunding(command: RecordFunding, state: TownState, ctx: DecisionContext): TownEvent[] {
  const measures = requireMeasures(ctx);
  requireInProgramme(state);
  const { year, source, amountYuan, reference, purpose } = command.data;
  const rule = measures.fundingSources.find((candidate) => candidate.code === source);
  if (!rule) throw refuse('FUNDING_SOURCE_UNKNOWN', { field: 'source', source });
  if (ctx.actor.seat !== rule.recordedBy) {
    throw refuse(
      'ROLE_NOT_ALLOWED',
      roleNotAllowedDetails(ctx.actor.seat, 'RecordFunding', [rule.recordedBy]),
    );
  }
  requireOwnCounty(ctx, state.county ?? '');
  // From the year the town was listed to the current one: money is recorded once it is there.
  const firstYear = state.listedAt === null ? shanghaiYearOf(ctx.now) : shanghaiYearOf(state.listedAt);
  if (!Number.isInteger(year) || year < firstYear || year > shanghaiYearOf(ctx.now)) {
    throw refuse('FUNDING_YEAR_INVALID', { field: 'year', year, firstYear });
  }
  requireYuan(amountYuan, 'amountYuan', 1);
  requireText(reference, 'reference');
  return [
    {
      type: 'FundingRecorded',
      data: {
        year,
        source: rule.code,
        level: rule.level,
        amountYuan,
        reference: reference.trim(),
        purpose: purpose?.trim() || null,
      },
    },
  ];
}
