/**
 * The shape of a policy pack: every rule of a programme that its document sets (or leaves to be set)
 * as data, so the joint meeting can change a rule without a code change and every decision can name
 * the exact rules it was taken under. What each field means, with the Pingxiang defaults and the
 * source sections, is in docs/policy-packs.md.
 */
import { z } from 'zod';
import { isValidCivilDate } from '../calendar/instant';
import { isLocalDate } from '../calendar/shanghai-calendar';

/** Stable ASCII identifiers: they end up in stream names, URLs and audit reports. */
const code = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case ASCII code with words joined by hyphens');
const localDate = z.string().refine(isLocalDate, 'expected a Shanghai calendar date YYYY-MM-DD');
const nonEmpty = z.string().min(1);
const named = { nameZh: nonEmpty, nameEn: nonEmpty };
const yuan = z.number().int().positive();
/** A day of the year ("15 December"), for rules that repeat every year. */
const monthDay = z
  .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .refine((value) => isValidCivilDate(2001, value.month, value.day), 'expected a day that exists every year');

import {
  applicationCaps,
  candidateKindCodes,
  fundingLevels,
  fundingRecorders,
  OTHER_INDUSTRY,
  rankingKeys,
  ratingConsequences,
  recommendAgainRules,
  rewardTriggers,
} from './policy-pack.codes';

export * from './policy-pack.codes';

const countySchema = z.strictObject({ code, ...named, aliases: z.array(nonEmpty) });
const candidateKindSchema = z.strictObject({ code: z.enum(candidateKindCodes), ...named });
const industrySchema = z.strictObject({ code, ...named, group: z.enum(['emerging', 'traditional']) });
const memberUnitSchema = z.strictObject({ code, ...named });

const batchSchema = z.strictObject({
  id: code,
  /** The window opens at the start of this day (Shanghai). */
  applicationOpensOn: localDate,
  /** ... and closes at the end of this one: "end of March" is written 'YYYY-03-31'. */
  applicationClosesOn: localDate,
  /** The joint meeting publishes the batch's list by the end of this day. */
  listPublishedBy: localDate,
});

const criterionSchema = z.strictObject({ code, ...named, weightPercent: z.number().int().min(1).max(100) });
const namedCode = z.strictObject({ code, ...named });

/**
 * What an application must show (§IV.1 "申报条件…另行确定", and the principles of §I.2–§I.3): the
 * applicant declares each condition, the office confirms or rejects it at the defence.
 */
const applicationConditionSchema = z.strictObject({
  code,
  ...named,
  /** The kinds of candidate it applies to; every kind when absent. */
  kinds: z.array(z.enum(candidateKindCodes)).min(1).optional(),
  /** Where in the document it comes from. */
  source: nonEmpty,
});

const fundingSourceSchema = z.strictObject({
  code,
  ...named,
  level: z.enum(fundingLevels),
  /** The seat that records money from this source. */
  recordedBy: z.enum(fundingRecorders),
});

const rewardSchema = z.strictObject({ code, ...named, amountYuan: yuan, trigger: z.enum(rewardTriggers) });

const ratingSchema = z.strictObject({
  code,
  ...named,
  /** A score at or above this earns the rating (ratings are listed best first). */
  minScore: z.number().min(0).max(100),
  landSupport: z.boolean(),
  provincialCandidate: z.boolean(),
  consequence: z.enum(ratingConsequences),
});

export const policyPackContentSchema = z
  .object({
    id: code,
    title: z.strictObject({ zh: nonEmpty, en: nonEmpty }),
    source: z.strictObject({ document: nonEmpty, issuedBy: nonEmpty, issuedOn: localDate, note: z.string() }),
    timezone: z.literal('Asia/Shanghai'),
    calendar: z.strictObject({ holidaysShiftDeadlines: z.boolean(), nonWorkingDays: z.array(localDate) }),
    counties: z.array(countySchema).min(1),
    candidateKinds: z.array(candidateKindSchema).min(1),
    industries: z.array(industrySchema).min(1),
    memberUnits: z.array(memberUnitSchema).min(1),
    quota: z.strictObject({
      minTownsPerCounty: z.number().int().min(0),
      maxTownsPerCounty: z.number().int().min(1),
      /**
       * `within-listing-quota`: a county's applications, with its towns listed before, stay within
       * maxTownsPerCounty; `unlimited`: the quota limits listing only. Absent (packs written before the
       * field): `within-listing-quota`, the reading those packs were decided under.
       */
      applications: z.enum(applicationCaps).optional(),
      /** Whether a town that exited gives its county's place back for later batches. Absent: false. */
      exitFreesPlace: z.boolean().optional(),
    }),
    /** Absent (packs written before it): a closed industry list and no conditions to declare. */
    application: z
      .strictObject({
        /** An industry not on the list is accepted as `other` with a description (§II.2 "等"). */
        otherIndustries: z.boolean(),
        conditions: z.array(applicationConditionSchema),
      })
      .optional(),
    batches: z.array(batchSchema).min(1),
    selection: z.strictObject({
      criteria: z.array(criterionSchema).min(1),
      maxCriterionScore: z.number().positive(),
      passingScore: z.number().min(0).nullable(),
      maxListedPerBatch: z.number().int().min(1).nullable(),
    }),
    rewards: z.array(rewardSchema),
    planning: z.strictObject({
      documents: z.array(z.strictObject({ code, ...named })).min(1),
      dueWithinMonths: z.number().int().min(1).max(36),
      lateSubmission: z.enum(['accept-as-late', 'refuse']),
      escalateTo: z.literal('joint-meeting-office'),
      maxExtensionMonths: z.number().int().min(0),
      resubmitWithinMonths: z.number().int().min(1),
    }),
    yearlyReview: z.strictObject({
      /** 0: the listing year is the first reviewed; 1: the year after. */
      firstYearOffset: z.number().int().min(0).max(1),
      lastReviewYear: z.number().int().min(2000).max(2100),
      opensOn: monthDay,
      statisticsDueOn: monthDay,
      /** Ratings of the year are complete by the end of this day; the provincial round follows. */
      ratingDueOn: monthDay,
      ratings: z.array(ratingSchema).min(2),
      missingStatistics: z.strictObject({ rating: code, extensionDays: z.number().int().min(0) }),
      /** Land support a rating earns is for the rated year plus this. Absent: 1 (the year after). */
      landSupportYearOffset: z.number().int().min(0).max(1).optional(),
      observation: z
        .object({ recheckWithinMonths: z.number().int().min(1), onRecheckMissing: z.enum(['exit', 'lift']) })
        .nullable(),
    }),
    progressCheck: z.strictObject({
      withinMonths: z.number().int().min(1),
      /** A failed check may be taken again until the due date. Absent: false (one check decides). */
      retakeAfterFailure: z.boolean().optional(),
      /** A check can only be passed once the plan is approved. Absent: true. */
      requiresApprovedPlan: z.boolean().optional(),
    }),
    provincialRecommendation: z.strictObject({
      /** The programme's target for towns on the province's list (§I.3 "3-5个"). */
      minTowns: z.number().int().min(0),
      maxTowns: z.number().int().min(0),
      eligibleRatings: z.array(code).min(1),
      ranking: z.array(z.enum(rankingKeys)).min(1),
      /**
       * Towns the city may recommend over the programme; null: every eligible town. Absent (packs
       * written before the field): maxTowns, the cap those packs were decided under.
       */
      maxRecommended: z.number().int().min(0).nullable().optional(),
      /** `never`: one recommendation in a town's life; `until-listed`: again after each eligible year
       * until the province lists it. Absent: `never`. */
      recommendAgain: z.enum(recommendAgainRules).optional(),
    }),
    finalAcceptance: z.strictObject({
      startsOn: localDate,
      minInspectingUnits: z.number().int().min(1),
      /** What the opinion must assess, one finding each. Absent: the opinion is one free text. */
      criteria: z.array(namedCode).min(1).optional(),
    }),
    /**
     * §III's safeguard measures as steps of their own: projects and their approvals through the green
     * channel, money by source, land granted. Absent (packs written before it): none of these steps.
     */
    measures: z
      .strictObject({
        /** Approval procedures a project goes through (§III.2 "项目立项、审批等各项程序"). */
        approvalProcedures: z.array(namedCode).min(1),
        /** The fast-track ways the green channel allows (§III.2 "允许边建设边审批…"). */
        fastTrackMethods: z.array(namedCode),
        /** Yearly statistics take their project figures from the town's registered projects. */
        statisticsFromProjects: z.boolean(),
        fundingSources: z.array(fundingSourceSchema).min(1),
        /** Funds the city sets aside for the programme as a whole, shown against what is recorded. */
        cityFunds: z.array(z.strictObject({ code, ...named, amountYuan: yuan, source: code })),
        /** Land support is recorded with the area granted (亩), not only the year. */
        landGrantArea: z.boolean(),
      })
      .optional(),
    /**
     * Days before each deadline a reminder is recorded. Optional, so packs written before it existed keep
     * their content hash; absent means the default of policy-rules.ts (7 and 1 days).
     */
    reminders: z.strictObject({ daysBefore: z.array(z.number().int().min(1).max(366)) }).optional(),
  })
  .superRefine((pack, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };
    const duplicates = (values: readonly string[]): string[] =>
      values.filter((value, index) => values.indexOf(value) !== index);

    const names = pack.counties.flatMap((county) => [county.code, county.nameZh, ...county.aliases]);
    for (const duplicate of duplicates(names)) issue(['counties'], `"${duplicate}" names two counties`);
    for (const duplicate of duplicates(pack.industries.map((industry) => industry.code))) {
      issue(['industries'], `duplicate industry code "${duplicate}"`);
    }
    for (const duplicate of duplicates(pack.batches.map((batch) => batch.id))) {
      issue(['batches'], `duplicate batch id "${duplicate}"`);
    }
    if (pack.quota.minTownsPerCounty > pack.quota.maxTownsPerCounty) {
      issue(['quota', 'minTownsPerCounty'], 'must not exceed maxTownsPerCounty');
    }
    pack.batches.forEach((batch, index) => {
      if (!(batch.applicationOpensOn <= batch.applicationClosesOn)) {
        issue(['batches', index, 'applicationClosesOn'], 'must not be before applicationOpensOn');
      }
      if (!(batch.applicationClosesOn < batch.listPublishedBy)) {
        issue(['batches', index, 'listPublishedBy'], 'must be after applicationClosesOn');
      }
    });

    const weights = pack.selection.criteria.reduce((sum, criterion) => sum + criterion.weightPercent, 0);
    if (weights !== 100) issue(['selection', 'criteria'], `weights must add up to 100, not ${weights}`);

    const ratings = pack.yearlyReview.ratings;
    ratings.forEach((rating, index) => {
      const better = ratings[index - 1];
      if (better !== undefined && !(rating.minScore < better.minScore)) {
        issue(
          ['yearlyReview', 'ratings', index, 'minScore'],
          'ratings are listed best first with falling minScore',
        );
      }
    });
    if (ratings[ratings.length - 1]?.minScore !== 0) {
      issue(['yearlyReview', 'ratings', ratings.length - 1, 'minScore'], 'the lowest rating must start at 0');
    }
    const ratingCodes = ratings.map((rating) => rating.code);
    if (!ratingCodes.includes(pack.yearlyReview.missingStatistics.rating)) {
      issue(['yearlyReview', 'missingStatistics', 'rating'], 'must be one of the ratings');
    }
    if (
      ratings.some((rating) => rating.consequence === 'observation') &&
      pack.yearlyReview.observation === null
    ) {
      issue(
        ['yearlyReview', 'observation'],
        'a rating leads to observation, so the observation rules are required',
      );
    }
    const { opensOn, statisticsDueOn } = pack.yearlyReview;
    if (statisticsDueOn.month * 100 + statisticsDueOn.day < opensOn.month * 100 + opensOn.day) {
      issue(['yearlyReview', 'statisticsDueOn'], 'must not be before opensOn in the same year');
    }
    const { ratingDueOn } = pack.yearlyReview;
    if (ratingDueOn.month * 100 + ratingDueOn.day < statisticsDueOn.month * 100 + statisticsDueOn.day) {
      issue(['yearlyReview', 'ratingDueOn'], 'must not be before statisticsDueOn in the same year');
    }
    pack.provincialRecommendation.eligibleRatings.forEach((rating, index) => {
      if (!ratingCodes.includes(rating)) {
        issue(
          ['provincialRecommendation', 'eligibleRatings', index],
          `"${rating}" is not one of the ratings`,
        );
      }
    });
    if (pack.provincialRecommendation.minTowns > pack.provincialRecommendation.maxTowns) {
      issue(['provincialRecommendation', 'minTowns'], 'must not exceed maxTowns');
    }
    for (const duplicate of duplicates((pack.reminders?.daysBefore ?? []).map(String))) {
      issue(['reminders', 'daysBefore'], `${duplicate} days is listed twice`);
    }
    for (const duplicate of duplicates(pack.rewards.map((reward) => reward.code))) {
      issue(['rewards'], `duplicate reward code "${duplicate}"`);
    }
    if (
      pack.application?.otherIndustries &&
      pack.industries.some((industry) => industry.code === OTHER_INDUSTRY)
    ) {
      issue(['industries'], `"${OTHER_INDUSTRY}" is kept for industries outside an open list`);
    }
    for (const duplicate of duplicates(
      (pack.application?.conditions ?? []).map((condition) => condition.code),
    )) {
      issue(['application', 'conditions'], `duplicate condition code "${duplicate}"`);
    }
    for (const duplicate of duplicates(
      (pack.finalAcceptance.criteria ?? []).map((criterion) => criterion.code),
    )) {
      issue(['finalAcceptance', 'criteria'], `duplicate criterion code "${duplicate}"`);
    }
    const measures = pack.measures;
    if (measures) {
      const sources = measures.fundingSources.map((source) => source.code);
      for (const duplicate of duplicates(sources)) {
        issue(['measures', 'fundingSources'], `duplicate funding source "${duplicate}"`);
      }
      measures.cityFunds.forEach((fund, index) => {
        if (!sources.includes(fund.source)) {
          issue(
            ['measures', 'cityFunds', index, 'source'],
            `"${fund.source}" is not one of the funding sources`,
          );
        }
      });
    }
  });

export const policyPackSchema = policyPackContentSchema.and(
  z.strictObject({ version: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256') }),
);

/** A pack as written, before its version is computed. */
export type PolicyPackContent = z.infer<typeof policyPackContentSchema>;
/** A validated pack with its content hash. */
export type PolicyPack = Readonly<PolicyPackContent & { version: string }>;

export type CountyRule = PolicyPackContent['counties'][number];
export type BatchRule = PolicyPackContent['batches'][number];
export type RatingRule = PolicyPackContent['yearlyReview']['ratings'][number];
export type RewardRule = PolicyPackContent['rewards'][number];
export type ApplicationCondition = NonNullable<PolicyPackContent['application']>['conditions'][number];
export type Measures = NonNullable<PolicyPackContent['measures']>;
export type FundingSource = Measures['fundingSources'][number];
