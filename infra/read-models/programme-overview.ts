import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { TownStatus } from '../../domain/town/town.state';
import { rewardTotals, type RewardTotals, type TownRecord } from './town-record';

type ReportedStatus = Exclude<TownStatus, 'none'>;

/** Every status a town can be in once it exists; the compiler makes sure none is forgotten. */
const noTowns: Readonly<Record<ReportedStatus, number>> = {
  applied: 0,
  'not-listed': 0,
  planning: 0,
  cultivating: 0,
  exited: 0,
  'final-acceptance': 0,
  closed: 0,
};

export interface CountyQuotaUse {
  readonly county: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly maxTowns: number;
  /** Applied and waiting for the batch's list. */
  readonly applied: number;
  /** Ever listed, including towns that exited since: they took a place in the programme. */
  readonly listed: number;
  readonly exited: number;
  readonly used: number;
  readonly remaining: number;
}

export interface RewardFunds extends RewardTotals {
  readonly reward: string;
}

export interface ProgrammeOverview {
  readonly towns: number;
  readonly townsByStatus: Readonly<Record<ReportedStatus, number>>;
  readonly quotas: readonly CountyQuotaUse[];
  readonly funds: RewardTotals & { readonly byReward: readonly RewardFunds[] };
  /** Per review year, how many towns got each rating of the pack. */
  readonly ratingsByYear: readonly {
    readonly year: number;
    readonly counts: Readonly<Record<string, number>>;
  }[];
}

export function programmeOverview(records: readonly TownRecord[], policy: PolicyPack): ProgrammeOverview {
  const townsByStatus: Record<ReportedStatus, number> = { ...noTowns };
  for (const { state } of records) if (state.status !== 'none') townsByStatus[state.status] += 1;
  return {
    towns: records.length,
    townsByStatus,
    quotas: policy.counties.map((county) => quotaUse(county, records, policy.quota.maxTownsPerCounty)),
    funds: funds(records, policy),
    ratingsByYear: ratingsByYear(records, policy),
  };
}

function quotaUse(
  county: PolicyPack['counties'][number],
  records: readonly TownRecord[],
  maxTowns: number,
): CountyQuotaUse {
  const own = records.filter((record) => record.state.county === county.code);
  const applied = own.filter((record) => record.state.status === 'applied').length;
  const listed = own.filter((record) => record.state.listedAt !== null).length;
  const exited = own.filter((record) => record.state.exit !== null).length;
  const used = applied + listed;
  return {
    county: county.code,
    nameZh: county.nameZh,
    nameEn: county.nameEn,
    maxTowns,
    applied,
    listed,
    exited,
    used,
    remaining: Math.max(0, maxTowns - used),
  };
}

function add(a: RewardTotals, b: RewardTotals): RewardTotals {
  return {
    committedYuan: a.committedYuan + b.committedYuan,
    dueYuan: a.dueYuan + b.dueYuan,
    paidYuan: a.paidYuan + b.paidYuan,
    forfeitedYuan: a.forfeitedYuan + b.forfeitedYuan,
  };
}

const nothing: RewardTotals = { committedYuan: 0, dueYuan: 0, paidYuan: 0, forfeitedYuan: 0 };

function funds(records: readonly TownRecord[], policy: PolicyPack): ProgrammeOverview['funds'] {
  const byReward = new Map<string, RewardTotals>(policy.rewards.map((reward) => [reward.code, nothing]));
  for (const { state } of records) {
    for (const reward of state.rewards) {
      const one = rewardTotals({ ...state, rewards: [reward] });
      byReward.set(reward.reward, add(byReward.get(reward.reward) ?? nothing, one));
    }
  }
  const rows = [...byReward.entries()].map(([reward, totals]) => ({ reward, ...totals }));
  return { ...rows.reduce<RewardTotals>(add, nothing), byReward: rows };
}

function ratingsByYear(
  records: readonly TownRecord[],
  policy: PolicyPack,
): ProgrammeOverview['ratingsByYear'] {
  const years = new Map<number, Record<string, number>>();
  const empty = () =>
    Object.fromEntries(policy.yearlyReview.ratings.map((rating) => [rating.code, 0])) as Record<
      string,
      number
    >;
  for (const { state } of records) {
    for (const [year, record] of Object.entries(state.ratingsByYear)) {
      const counts = years.get(Number(year)) ?? empty();
      counts[record.rating] = (counts[record.rating] ?? 0) + 1;
      years.set(Number(year), counts);
    }
  }
  return [...years.entries()].sort(([a], [b]) => a - b).map(([year, counts]) => ({ year, counts }));
}
