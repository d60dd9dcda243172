/**
 * The officials' decisions of a whole synthetic programme, drawn up front from one seeded PRNG in a
 * fixed order: every applicant draws every decision it could ever need, whether or not its life gets
 * that far, so an outcome in one town never shifts the draws of another and a seed always means the
 * same programme. The scenario driver then only carries the decisions out.
 */
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { parseLocalDate } from '../../domain/calendar/shanghai-calendar';
import type { TownApplication } from './programme-officials';
import { mulberry32, type Prng } from './prng';

/** How the county handles its special plan and work plan. */
export type PlanConduct = 'on-time' | 'returned' | 'late' | 'never';
/** How the county handles a year's statistics: `extended` asks the office for more time first. */
export type StatisticsConduct = 'on-time' | 'extended' | 'missing';
export type CheckConduct = 'pass' | 'fail' | 'not-held';
export type RecheckConduct = 'pass' | 'fail' | 'missing';

export interface ReviewConduct {
  readonly statistics: StatisticsConduct;
  /** The office's score (0–100); the pack's bands turn it into a rating. */
  readonly score: number;
  /** The land resources bureau grants the support the rating entitles the town to. */
  readonly landSupportGranted: boolean;
}

export interface SyntheticTown {
  readonly application: TownApplication;
  readonly batchId: string;
  /** One score per criterion of the pack, as the defence panel marks them. */
  readonly defenceScores: Readonly<Record<string, number>>;
  readonly plan: PlanConduct;
  /** Indexed by programme year (0: the year of the first batch). */
  readonly reviews: readonly ReviewConduct[];
  /** Only used if a rating puts the town under observation (packs that have it). */
  readonly observationRecheck: RecheckConduct;
  readonly progressCheck: CheckConduct;
  /** Days finance takes to pay each reward once it is due, by reward code. */
  readonly paymentDelayDays: Readonly<Record<string, number>>;
  readonly inspections: readonly { readonly unit: string; readonly satisfactory: boolean }[];
  /** The joint meeting decides against the office's acceptance opinion. */
  readonly overruled: boolean;
  /** The province lists the town when it is recommended (§I.3: the province decides). */
  readonly provinceLists: boolean;
}

export interface SyntheticProgramme {
  readonly seed: number;
  readonly towns: readonly SyntheticTown[];
  /** The joint meeting lists applicants whose weighted defence score reaches this, best first. */
  readonly listingThreshold: number;
}

const DEFAULT_LISTING_THRESHOLD = 65;

/** Programme years the pack reviews: from the first batch's year to its last review year. */
export function programmeYearCount(policy: PolicyPack): number {
  const first = policy.batches[0];
  if (!first) throw new RangeError('A pack always has a batch');
  return policy.yearlyReview.lastReviewYear - parseLocalDate(first.applicationOpensOn).year + 1;
}

export function townIdFor(seed: number, index: number): string {
  return `sim-${seed}-${String(index + 1).padStart(3, '0')}`;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function drawTown(prng: Prng, policy: PolicyPack, seed: number, index: number): SyntheticTown {
  const batch = prng.weighted(policy.batches.map((rule, i) => [rule.id, policy.batches.length - i] as const));
  const county = prng.pick(policy.counties);
  const industry = prng.pick(policy.industries);
  const kind = prng.weighted(policy.candidateKinds.map((rule, i) => [rule.code, i === 0 ? 3 : 1] as const));
  // One hidden quality per town, so a strong defence tends to go with strong years, as it would.
  const quality = prng.int(45, 95);
  const { maxCriterionScore, criteria } = policy.selection;
  const defenceScores = Object.fromEntries(
    criteria.map((criterion) => {
      const percent = clamp(quality + prng.int(-10, 10), 0, 100);
      return [criterion.code, Math.round((percent * maxCriterionScore) / 100)];
    }),
  );
  const plan = prng.weighted<PlanConduct>([
    ['on-time', 70],
    ['returned', 12],
    ['late', 13],
    ['never', 5],
  ]);
  const reviews = Array.from({ length: programmeYearCount(policy) }, (_, year): ReviewConduct => ({
    statistics: prng.weighted<StatisticsConduct>([
      ['on-time', 90],
      ['extended', 5],
      ['missing', 5],
    ]),
    // "Embryonic in one year, scaled in two, effective in three": towns tend to improve.
    score: clamp(quality + 3 * year + prng.int(-18, 12), 0, 100),
    landSupportGranted: prng.chance(0.9),
  }));
  const observationRecheck = prng.weighted<RecheckConduct>([
    ['pass', 50],
    ['fail', 30],
    ['missing', 20],
  ]);
  const progressCheck = prng.weighted<CheckConduct>([
    ['pass', 75],
    ['fail', 15],
    ['not-held', 10],
  ]);
  const paymentDelayDays = Object.fromEntries(policy.rewards.map((reward) => [reward.code, prng.int(3, 45)]));
  const { minInspectingUnits } = policy.finalAcceptance;
  const inspectingUnits = Math.min(
    policy.memberUnits.length,
    minInspectingUnits + (prng.chance(0.3) ? 1 : 0),
  );
  const inspections = prng
    .sample(
      policy.memberUnits.map((unit) => unit.code),
      inspectingUnits,
    )
    .map((unit) => ({ unit, satisfactory: prng.chance(quality >= 60 ? 0.93 : 0.7) }));
  return {
    application: {
      townId: townIdFor(seed, index),
      name: `${county.nameZh}${industry.nameZh}小镇（${index + 1}）`,
      county: county.code,
      kind,
      industry: industry.code,
    },
    batchId: batch,
    defenceScores,
    plan,
    reviews,
    observationRecheck,
    progressCheck,
    paymentDelayDays,
    inspections,
    overruled: prng.chance(0.05),
    provinceLists: prng.chance(0.5),
  };
}

export function syntheticProgramme(policy: PolicyPack, towns: number, seed: number): SyntheticProgramme {
  const prng = mulberry32(seed);
  return {
    seed,
    towns: Array.from({ length: towns }, (_, index) => drawTown(prng, policy, seed, index)),
    listingThreshold: Math.max(DEFAULT_LISTING_THRESHOLD, policy.selection.passingScore ?? 0),
  };
}
