/**
 * The simulation's report, built from what the workflows themselves hold at the end (every town's
 * state, every batch's, the programme's) and from what officials were refused. Nothing in it varies
 * between runs of the same seed except `calendar`: the rehearsal opens on 1 March of the year after
 * the server's current year, so every other figure is given by programme year (1, 2, …), not by date.
 */
import type { BatchState } from '../../domain/batch';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import type { ProgrammeState } from '../../domain/programme';
import { isListedByProvince, type TownState } from '../../domain/town';
import type { StepTally } from './step-tally';
import { programmeYearCount, type SyntheticProgramme } from './synthetic-programme';
import { yearOf } from './simulation-dates';

export type Counts = Readonly<Record<string, number>>;

export interface RewardFunds {
  readonly reward: string;
  readonly nameEn: string;
  readonly amountYuan: number;
  /** Paid, or due and still payable at the end: what the city is bound to. */
  readonly committedYuan: number;
  readonly paidYuan: number;
  /** Due and not yet paid when the run ended. */
  readonly outstandingYuan: number;
  /** Lost with an exit (not yet earned, or due but unpaid when support ended). */
  readonly forfeitedYuan: number;
  /** The condition was not met (a failed or missed progress check). */
  readonly notEarnedYuan: number;
}

export interface SimulationReport {
  readonly policy: {
    readonly id: string;
    readonly version: string;
    readonly titleEn: string;
    readonly titleZh: string;
  };
  readonly seed: number;
  /** `--towns`: how many applications the counties submit. */
  readonly applicationsRequested: number;
  /** The only part that depends on when the run happened. */
  readonly calendar: {
    readonly rehearsalPolicyId: string;
    readonly firstWindowOpensOn: string;
    readonly programmeYears: readonly { readonly year: number; readonly calendarYear: number }[];
  };
  readonly applications: {
    readonly submitted: number;
    readonly recorded: number;
    readonly refused: Counts;
    readonly byBatch: readonly {
      readonly batchId: string;
      readonly submitted: number;
      readonly recorded: number;
      readonly refused: Counts;
    }[];
  };
  readonly selection: {
    readonly listed: number;
    readonly listingThreshold: number;
    readonly byBatch: readonly {
      readonly batchId: string;
      readonly year: number;
      readonly scored: number;
      readonly listed: number;
      readonly notListed: number;
    }[];
  };
  readonly planning: {
    readonly approved: number;
    readonly submittedLate: number;
    readonly returnedAtLeastOnce: number;
    readonly extended: number;
    readonly notApproved: number;
  };
  readonly ratingsByYear: readonly {
    readonly year: number;
    readonly ratings: Counts;
    readonly missingStatistics: number;
  }[];
  readonly exitsByYear: readonly { readonly year: number; readonly exits: number }[];
  readonly landSupport: {
    readonly entitledYears: number;
    readonly grantedYears: number;
    readonly grantedByYear: readonly { readonly year: number; readonly granted: number }[];
  };
  readonly rewards: {
    readonly byKind: readonly RewardFunds[];
    readonly total: Omit<RewardFunds, 'reward' | 'nameEn' | 'amountYuan'>;
  };
  readonly progressChecks: Counts;
  readonly provincial: {
    /** Recommendations made, every round (a town not listed may be recommended again). */
    readonly recommended: number;
    readonly byYear: readonly { readonly year: number; readonly recommended: number }[];
    /** Towns the province listed. */
    readonly listedByProvince: number;
    readonly target: { readonly min: number; readonly max: number };
    /** Where the pack reads 3–5 as the province's list: towns listed; else recommendations made. */
    readonly targetMet: boolean;
  };
  readonly finalAcceptance: {
    readonly started: number;
    readonly accepted: number;
    readonly notAccepted: number;
  };
  /** Where every recorded applicant ended. */
  readonly outcomes: Counts;
  /** Steps refused other than applications (none when the synthetic officials read the rules right). */
  readonly stepsRefused: Readonly<Record<string, Counts>>;
  readonly eventsStored: number;
}

export interface ReportInput {
  readonly base: PolicyPack;
  readonly policy: PolicyPack;
  readonly programme: SyntheticProgramme;
  readonly tally: StepTally;
  readonly batches: readonly BatchState[];
  readonly programmeState: ProgrammeState;
  readonly towns: readonly TownState[];
  readonly eventsStored: number;
}

const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** Keys in a fixed order, so two equal reports print and serialise identically. */
const sorted = (counts: Record<string, number>): Counts =>
  Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));

function rewardFunds(policy: PolicyPack, towns: readonly TownState[]): SimulationReport['rewards'] {
  const byKind = policy.rewards.map((rule): RewardFunds => {
    const sum = (status: string) =>
      towns
        .flatMap((town) => town.rewards)
        .filter((reward) => reward.reward === rule.code && reward.status === status)
        .reduce((total, reward) => total + reward.amountYuan, 0);
    const paidYuan = sum('paid');
    const outstandingYuan = sum('due');
    return {
      reward: rule.code,
      nameEn: rule.nameEn,
      amountYuan: rule.amountYuan,
      committedYuan: paidYuan + outstandingYuan,
      paidYuan,
      outstandingYuan,
      forfeitedYuan: sum('forfeited'),
      notEarnedYuan: sum('not-earned'),
    };
  });
  const total = (
    field: 'committedYuan' | 'paidYuan' | 'outstandingYuan' | 'forfeitedYuan' | 'notEarnedYuan',
  ) => byKind.reduce((sum, kind) => sum + kind[field], 0);
  return {
    byKind,
    total: {
      committedYuan: total('committedYuan'),
      paidYuan: total('paidYuan'),
      outstandingYuan: total('outstandingYuan'),
      forfeitedYuan: total('forfeitedYuan'),
      notEarnedYuan: total('notEarnedYuan'),
    },
  };
}

export function buildReport(input: ReportInput): SimulationReport {
  const { base, policy, programme, tally, batches, programmeState, towns } = input;
  const firstBatch = policy.batches[0];
  if (!firstBatch) throw new RangeError('A pack always has a batch');
  const firstYear = yearOf(firstBatch.applicationOpensOn);
  const programmeYear = (calendarYear: number) => calendarYear - firstYear + 1;
  const reviewYears = programmeYearCount(policy);
  // The programme ends in the year of its final acceptance, after the last review year.
  const yearCount = Math.max(reviewYears, programmeYear(yearOf(policy.finalAcceptance.startsOn)));
  const years = Array.from({ length: yearCount }, (_, index) => index + 1);

  const refused: Record<string, number> = {};
  for (const refusal of tally.applicationRefusals) increment(refused, refusal.code);
  const byBatch = policy.batches.map((rule) => {
    const state = batches.find((batch) => batch.batchId === rule.id);
    const codes: Record<string, number> = {};
    for (const refusal of tally.applicationRefusals.filter((r) => r.batchId === rule.id))
      increment(codes, refusal.code);
    return {
      batchId: rule.id,
      submitted: programme.towns.filter((town) => town.batchId === rule.id).length,
      recorded: state?.applications.length ?? 0,
      refused: sorted(codes),
    };
  });

  const listedTowns = towns.filter((town) => town.listedAt !== null);
  const ratingsByYear = years.slice(0, reviewYears).map((year) => {
    const ratings: Record<string, number> = Object.fromEntries(
      policy.yearlyReview.ratings.map((rating) => [rating.code, 0]),
    );
    let missingStatistics = 0;
    for (const town of listedTowns) {
      const record = town.ratingsByYear[firstYear + year - 1];
      if (!record) continue;
      increment(ratings, record.rating);
      if (record.basis === 'missing-statistics') missingStatistics += 1;
    }
    return { year, ratings, missingStatistics };
  });

  const exits: Record<string, number> = {};
  for (const town of towns) if (town.exit) increment(exits, String(programmeYear(town.exit.year)));
  const granted: Record<string, number> = {};
  for (const town of listedTowns)
    for (const year of town.landSupport.grantedYears) increment(granted, String(programmeYear(year)));
  const progressChecks: Record<string, number> = {};
  for (const town of listedTowns) increment(progressChecks, town.progressCheck.status);
  const recommendedByYear: Record<string, number> = {};
  for (const town of programmeState.recommended)
    increment(recommendedByYear, String(programmeYear(town.reviewYear)));
  const outcomes: Record<string, number> = {};
  for (const town of towns) {
    const outcome =
      town.status === 'closed' ? `closed-${town.acceptance?.outcome ?? 'unknown'}` : town.status;
    increment(outcomes, outcome);
  }
  const stepsRefused = Object.fromEntries(
    Object.entries(tally.stepRefusals)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([step, codes]) => [step, sorted(codes)]),
  );
  const { minTowns, maxTowns, maxRecommended } = policy.provincialRecommendation;
  const recommended = programmeState.recommended.length;
  const listedByProvince = listedTowns.filter(isListedByProvince).length;
  // Packs written before `maxRecommended` read the target as one for the city's recommendations.
  const targetMet =
    maxRecommended === undefined
      ? recommended >= minTowns && recommended <= maxTowns
      : listedByProvince >= minTowns;

  return {
    policy: { id: base.id, version: base.version, titleEn: base.title.en, titleZh: base.title.zh },
    seed: programme.seed,
    applicationsRequested: programme.towns.length,
    calendar: {
      rehearsalPolicyId: policy.id,
      firstWindowOpensOn: firstBatch.applicationOpensOn,
      programmeYears: years.map((year) => ({ year, calendarYear: firstYear + year - 1 })),
    },
    applications: {
      submitted: programme.towns.length,
      recorded: batches.reduce((sum, batch) => sum + batch.applications.length, 0),
      refused: sorted(refused),
      byBatch,
    },
    selection: {
      listed: listedTowns.length,
      listingThreshold: programme.listingThreshold,
      byBatch: policy.batches.map((rule) => {
        const state = batches.find((batch) => batch.batchId === rule.id);
        return {
          batchId: rule.id,
          year: programmeYear(yearOf(rule.applicationOpensOn)),
          scored: Object.keys(state?.scores ?? {}).length,
          listed: state?.listed.length ?? 0,
          notListed: state?.notListed.length ?? 0,
        };
      }),
    },
    planning: {
      approved: listedTowns.filter((town) => town.plan.status === 'approved').length,
      submittedLate: listedTowns.filter((town) => town.plan.submittedLate).length,
      returnedAtLeastOnce: listedTowns.filter((town) => town.plan.submissions > 1).length,
      extended: listedTowns.filter((town) => town.plan.extended).length,
      notApproved: listedTowns.filter((town) => town.plan.status !== 'approved').length,
    },
    ratingsByYear,
    exitsByYear: years.map((year) => ({ year, exits: exits[String(year)] ?? 0 })),
    landSupport: {
      entitledYears: listedTowns.reduce((sum, town) => sum + town.landSupport.entitledYears.length, 0),
      grantedYears: listedTowns.reduce((sum, town) => sum + town.landSupport.grantedYears.length, 0),
      grantedByYear: years.map((year) => ({ year, granted: granted[String(year)] ?? 0 })),
    },
    rewards: rewardFunds(policy, towns),
    progressChecks: sorted(progressChecks),
    provincial: {
      recommended,
      byYear: years
        .slice(0, reviewYears)
        .map((year) => ({ year, recommended: recommendedByYear[String(year)] ?? 0 })),
      listedByProvince,
      target: { min: minTowns, max: maxTowns },
      targetMet,
    },
    finalAcceptance: {
      started: listedTowns.filter((town) => town.acceptance !== null).length,
      accepted: listedTowns.filter((town) => town.acceptance?.outcome === 'accepted').length,
      notAccepted: listedTowns.filter((town) => town.acceptance?.outcome === 'not-accepted').length,
    },
    outcomes: sorted(outcomes),
    stepsRefused,
    eventsStored: input.eventsStored,
  };
}
