/**
 * Who may do what, as data. Commands: the domain's own tables say which seat issues each command
 * (`townCommandSeats`, `batchCommandSeats`, `programmeCommandSeats`), so HTTP can never allow a step the
 * decider would refuse for the seat, nor the other way round. Reads: below.
 */
import type { BatchCommandType } from '../../domain/batch/batch.commands';
import { batchCommandSeats } from '../../domain/batch/batch.permissions';
import type { ProgrammeCommandType } from '../../domain/programme/programme.commands';
import { programmeCommandSeats } from '../../domain/programme/programme.permissions';
import type { Seat } from '../../domain/shared/seats';
import type { TownCommandType } from '../../domain/town/town.commands';
import { townCommandSeats } from '../../domain/town/town.permissions';
import { humanSeats, type HumanSeat } from './principal';

export type CommandAction =
  | { readonly aggregate: 'town'; readonly type: TownCommandType }
  | { readonly aggregate: 'batch'; readonly type: BatchCommandType }
  | { readonly aggregate: 'programme'; readonly type: ProgrammeCommandType };

export function seatsForCommand(command: CommandAction): readonly Seat[] {
  switch (command.aggregate) {
    case 'town':
      return townCommandSeats[command.type];
    case 'batch':
      return batchCommandSeats[command.type];
    case 'programme':
      return programmeCommandSeats[command.type];
  }
}

export const readResources = ['towns', 'town-history', 'programme-overview', 'deadlines'] as const;
export type ReadResource = (typeof readResources)[number];

export interface ReadRule {
  readonly seats: readonly HumanSeat[];
  /** True when what is read belongs to one county: county-scoped seats then see only their own. */
  readonly perCounty: boolean;
}

/**
 * The programme is run in the open between city bodies: every seat reads every town (the office
 * supervises, finance pays, inspectors inspect, auditors audit). A county official reads its own
 * county's towns and deadlines only; the programme's totals (quotas, funds, ratings) are for all.
 */
export const readRules: Readonly<Record<ReadResource, ReadRule>> = {
  towns: { seats: humanSeats, perCounty: true },
  'town-history': { seats: humanSeats, perCounty: true },
  'programme-overview': { seats: humanSeats, perCounty: false },
  deadlines: { seats: humanSeats, perCounty: true },
};
