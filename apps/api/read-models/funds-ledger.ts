import { shanghaiYearOf } from '../../../domain/calendar/shanghai-calendar';
import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import type { TownEvent } from '../../../domain/town';

export type FundMovementKind = 'committed' | 'paid' | 'forfeited';

/** One change to a town's city rewards, in the Shanghai year it happened. */
export interface FundMovement {
  readonly kind: FundMovementKind;
  readonly reward: string;
  readonly amountYuan: number;
  readonly year: number;
}

/**
 * What a town event does to the city's money: listing commits the pack's rewards, a payment pays one,
 * an exit or a failed progress check loses one (`forfeited` counts rewards not earned, as the town's
 * totals do). Other events move nothing.
 */
export function fundMovementsOf(event: TownEvent, occurredAt: string): FundMovement[] {
  const year = shanghaiYearOf(occurredAt);
  if (event.type === 'TownListed')
    return event.data.rewards.map(({ reward, amountYuan }) => ({
      kind: 'committed',
      reward,
      amountYuan,
      year,
    }));
  if (event.type === 'RewardPaid')
    return [{ kind: 'paid', reward: event.data.reward, amountYuan: event.data.amountYuan, year }];
  if (event.type === 'RewardForfeited' || event.type === 'RewardNotEarned')
    return [{ kind: 'forfeited', reward: event.data.reward, amountYuan: event.data.amountYuan, year }];
  return [];
}

export interface FundsRow {
  readonly committedYuan: number;
  readonly paidYuan: number;
  readonly forfeitedYuan: number;
}

export interface FundsByYearAndCounty {
  /** Per Shanghai year: what was committed, paid and forfeited in it. */
  readonly byYear: readonly (FundsRow & { readonly year: number })[];
  /** Per county of the pack, over all years. */
  readonly byCounty: readonly (FundsRow & { readonly county: string })[];
  /** Per year and county, for the cells of both. */
  readonly cells: readonly (FundsRow & { readonly year: number; readonly county: string })[];
}

const none: FundsRow = { committedYuan: 0, paidYuan: 0, forfeitedYuan: 0 };
const column: Readonly<Record<FundMovementKind, keyof FundsRow>> = {
  committed: 'committedYuan',
  paid: 'paidYuan',
  forfeited: 'forfeitedYuan',
};

function added(row: FundsRow, movement: FundMovement): FundsRow {
  const key = column[movement.kind];
  return { ...row, [key]: row[key] + movement.amountYuan };
}

/** The towns' fund movements summed by year, by county and by both; counties in the pack's order. */
export function fundsByYearAndCounty(
  towns: readonly { readonly county: string | null; readonly fundMovements: readonly FundMovement[] }[],
  policy: PolicyPack,
): FundsByYearAndCounty {
  const byYear = new Map<number, FundsRow>();
  const byCounty = new Map<string, FundsRow>(policy.counties.map(({ code }) => [code, none]));
  const cells = new Map<string, FundsRow & { year: number; county: string }>();
  for (const town of towns) {
    const county = town.county ?? '';
    for (const movement of town.fundMovements) {
      byYear.set(movement.year, added(byYear.get(movement.year) ?? none, movement));
      byCounty.set(county, added(byCounty.get(county) ?? none, movement));
      const key = `${movement.year}/${county}`;
      const cell = cells.get(key) ?? { ...none, year: movement.year, county };
      cells.set(key, { ...cell, ...added(cell, movement) });
    }
  }
  return {
    byYear: [...byYear].map(([year, row]) => ({ year, ...row })).sort((a, b) => a.year - b.year),
    byCounty: [...byCounty].map(([county, row]) => ({ county, ...row })),
    cells: [...cells.values()].sort((a, b) => a.year - b.year),
  };
}
