import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { TownState } from '../../domain/town';
import type { Agenda } from './agenda';
import type { ProgrammeOfficials } from './programme-officials';
import type { StepTally } from './step-tally';

/** What every step of the scenario works with. */
export interface SimulationContext {
  readonly policy: PolicyPack;
  readonly officials: ProgrammeOfficials;
  readonly agenda: Agenda;
  readonly tally: StepTally;
  /** The calendar year of the first batch: programme year 1. */
  readonly firstYear: number;
}

export async function townState(ctx: SimulationContext, townId: string): Promise<TownState> {
  return (await ctx.officials.townView(townId)).state;
}
