import type { PolicyPack } from '../../../domain/policy/policy-pack.schema';
import { isListedByProvince, type TownStatus } from '../../../domain/town/town.state';
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
  /**
   * Places taken: towns listed (less those that exited, where the pack gives an exited town's place
   * back), plus the applications waiting, where the pack holds applications within the quota.
   */
  readonly used: number;
  readonly remaining: number;
}

/** §I.3 "争取推荐3-5个示范小镇列入省级特色小镇": the city's recommendations and the province's answers. */
export interface ProvincialProgress {
  /** Towns the city has recommended at least once. */
  readonly recommended: number;
  readonly listedByProvince: number;
  readonly notListedByProvince: number;
  /** Recommended towns with no answer from the province yet. */
  readonly awaitingAnswer: number;
  readonly target: { readonly minTowns: number; readonly maxTowns: number };
  /** The province has listed at least the target's minimum. */
  readonly targetMet: boolean;
}

export interface RewardFunds extends RewardTotals {
  readonly reward: string;
}

/** Days an approval procedure took, over the approvals of one kind. */
export interface ApprovalDays {
  readonly approvals: number;
  readonly medianDays: number | null;
  readonly maxDays: number | null;
}

/** §III.2: the towns' projects, their place in the key-project schedule, how fast approvals went. */
export interface ProjectsOverview {
  readonly projects: number;
  readonly completed: number;
  readonly inKeyProjectSchedule: number;
  readonly investmentPlannedYuan: number;
  readonly investmentCompletedYuan: number;
  readonly approvals: { readonly greenChannel: ApprovalDays; readonly other: ApprovalDays };
}

/** §III.5: money by source and level ("以县为主、乡镇为辅、市奖补"), the city's funds against their budget. */
export interface FundingOverview {
  readonly bySource: readonly {
    readonly source: string;
    readonly level: string;
    readonly amountYuan: number;
  }[];
  /** County, township and city money; the city's includes the rewards it paid. */
  readonly byLevel: Readonly<Record<'county' | 'township' | 'city', number>>;
  readonly cityRewardsPaidYuan: number;
  readonly cityFunds: readonly {
    readonly fund: string;
    readonly budgetYuan: number;
    readonly recordedYuan: number;
    readonly remainingYuan: number;
  }[];
}

/** §III.4: land granted, by the year it is for. */
export interface LandOverview {
  readonly grants: number;
  readonly areaMu: number;
  readonly byYear: readonly { readonly year: number; readonly grants: number; readonly areaMu: number }[];
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
  readonly provincial: ProvincialProgress;
  readonly projects: ProjectsOverview;
  readonly funding: FundingOverview;
  readonly land: LandOverview;
}

export function programmeOverview(records: readonly TownRecord[], policy: PolicyPack): ProgrammeOverview {
  const townsByStatus: Record<ReportedStatus, number> = { ...noTowns };
  for (const { state } of records) if (state.status !== 'none') townsByStatus[state.status] += 1;
  return {
    towns: records.length,
    townsByStatus,
    quotas: policy.counties.map((county) => quotaUse(county, records, policy)),
    funds: funds(records, policy),
    ratingsByYear: ratingsByYear(records, policy),
    provincial: provincialProgress(records, policy),
    projects: projectsOverview(records),
    funding: fundingOverview(records, policy),
    land: landOverview(records),
  };
}

function approvalDays(days: readonly number[]): ApprovalDays {
  const sorted = [...days].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? (sorted[middle] ?? null)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { approvals: sorted.length, medianDays: median, maxDays: sorted.at(-1) ?? null };
}

function projectsOverview(records: readonly TownRecord[]): ProjectsOverview {
  const projects = records.flatMap((record) => record.state.projects);
  const approvals = projects.flatMap((project) => project.approvals);
  const sum = (pick: (project: (typeof projects)[number]) => number) =>
    projects.reduce((total, project) => total + pick(project), 0);
  return {
    projects: projects.length,
    completed: projects.filter((project) => project.completed).length,
    inKeyProjectSchedule: projects.filter((project) => project.keySchedule !== null).length,
    investmentPlannedYuan: sum((project) => project.investmentPlannedYuan),
    investmentCompletedYuan: sum((project) => project.investmentCompletedYuan),
    approvals: {
      greenChannel: approvalDays(approvals.filter((a) => a.greenChannel).map((a) => a.daysTaken)),
      other: approvalDays(approvals.filter((a) => !a.greenChannel).map((a) => a.daysTaken)),
    },
  };
}

function fundingOverview(records: readonly TownRecord[], policy: PolicyPack): FundingOverview {
  const entries = records.flatMap((record) => record.state.funding);
  const sources = policy.measures?.fundingSources ?? [];
  const recorded = (source: string) =>
    entries.filter((entry) => entry.source === source).reduce((sum, entry) => sum + entry.amountYuan, 0);
  const cityRewardsPaidYuan = funds(records, policy).paidYuan;
  const level = (name: 'county' | 'township' | 'city') =>
    entries.filter((entry) => entry.level === name).reduce((sum, entry) => sum + entry.amountYuan, 0);
  return {
    bySource: sources.map((source) => ({
      source: source.code,
      level: source.level,
      amountYuan: recorded(source.code),
    })),
    byLevel: {
      county: level('county'),
      township: level('township'),
      city: level('city') + cityRewardsPaidYuan,
    },
    cityRewardsPaidYuan,
    cityFunds: (policy.measures?.cityFunds ?? []).map((fund) => ({
      fund: fund.code,
      budgetYuan: fund.amountYuan,
      recordedYuan: recorded(fund.source),
      remainingYuan: fund.amountYuan - recorded(fund.source),
    })),
  };
}

function landOverview(records: readonly TownRecord[]): LandOverview {
  const grants = records.flatMap((record) => record.state.landSupport.grants);
  const years = [...new Set(grants.map((grant) => grant.year))].sort((a, b) => a - b);
  const area = (list: typeof grants) => list.reduce((sum, grant) => sum + (grant.areaMu ?? 0), 0);
  return {
    grants: grants.length,
    areaMu: area(grants),
    byYear: years.map((year) => {
      const ofYear = grants.filter((grant) => grant.year === year);
      return { year, grants: ofYear.length, areaMu: area(ofYear) };
    }),
  };
}

function quotaUse(
  county: PolicyPack['counties'][number],
  records: readonly TownRecord[],
  policy: PolicyPack,
): CountyQuotaUse {
  const maxTowns = policy.quota.maxTownsPerCounty;
  const own = records.filter((record) => record.state.county === county.code);
  const applied = own.filter((record) => record.state.status === 'applied').length;
  const listed = own.filter((record) => record.state.listedAt !== null).length;
  const exited = own.filter((record) => record.state.exit !== null).length;
  const held = policy.quota.exitFreesPlace === true ? listed - exited : listed;
  const applicationsCount = (policy.quota.applications ?? 'within-listing-quota') === 'within-listing-quota';
  const used = held + (applicationsCount ? applied : 0);
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

function provincialProgress(records: readonly TownRecord[], policy: PolicyPack): ProvincialProgress {
  const recommended = records.filter((record) => record.state.provincial.recommendedYears.length > 0);
  const listedByProvince = recommended.filter((record) => isListedByProvince(record.state)).length;
  const answered = (record: TownRecord) =>
    record.state.provincial.recommendedYears.every((year) =>
      record.state.provincial.decisions.some((decision) => decision.reviewYear === year),
    );
  const awaitingAnswer = recommended.filter((record) => !answered(record)).length;
  const { minTowns, maxTowns } = policy.provincialRecommendation;
  return {
    recommended: recommended.length,
    listedByProvince,
    notListedByProvince: recommended.filter((record) => !isListedByProvince(record.state) && answered(record))
      .length,
    awaitingAnswer,
    target: { minTowns, maxTowns },
    targetMet: listedByProvince >= minTowns,
  };
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
