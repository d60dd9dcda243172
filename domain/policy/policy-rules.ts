/**
 * Questions the deciders ask a pack, answered in one place so that every aggregate reads a rule the
 * same way (and turns the pack's dates into instants the same way).
 */
import { dueAtEndOf, HolidayRule } from '../calendar/deadline';
import { endOfDay, parseLocalDate, startOfDay } from '../calendar/shanghai-calendar';
import type { BatchRule, CountyRule, PolicyPack, RatingRule } from './policy-pack.schema';

export function holidayRule(policy: PolicyPack): HolidayRule {
  return policy.calendar;
}

/** A county by its code, its Chinese name or one of its aliases (county officials write all three). */
export function findCounty(policy: PolicyPack, value: string): CountyRule | undefined {
  const wanted = value.trim();
  return policy.counties.find(
    (county) =>
      county.code === wanted.toLowerCase() || county.nameZh === wanted || county.aliases.includes(wanted),
  );
}

export function findIndustry(
  policy: PolicyPack,
  value: string,
): PolicyPack['industries'][number] | undefined {
  const wanted = value.trim();
  return policy.industries.find(
    (industry) => industry.code === wanted.toLowerCase() || industry.nameZh === wanted,
  );
}

export function findKind(
  policy: PolicyPack,
  value: string,
): PolicyPack['candidateKinds'][number] | undefined {
  const wanted = value.trim();
  return policy.candidateKinds.find((kind) => kind.code === wanted || kind.nameZh === wanted);
}

export function findBatch(policy: PolicyPack, batchId: string): BatchRule | undefined {
  return policy.batches.find((batch) => batch.id === batchId);
}

export interface BatchCalendar {
  readonly batchId: string;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly listDueAt: string;
}

/**
 * The window's close is not moved for holidays: "end of March" is a date fixed by the document, and a
 * window that closes on a holiday still closed on that date. Due dates counted from an event are.
 */
export function batchCalendar(policy: PolicyPack, batch: BatchRule): BatchCalendar {
  return {
    batchId: batch.id,
    opensAt: startOfDay(parseLocalDate(batch.applicationOpensOn)),
    closesAt: endOfDay(parseLocalDate(batch.applicationClosesOn)),
    listDueAt: dueAtEndOf(parseLocalDate(batch.listPublishedBy), holidayRule(policy)),
  };
}

/** The best rating whose minimum the score reaches (ratings are listed best first). */
export function ratingForScore(policy: PolicyPack, score: number): RatingRule {
  const ratings = policy.yearlyReview.ratings;
  const rating = ratings.find((candidate) => score >= candidate.minScore) ?? ratings[ratings.length - 1];
  if (!rating) throw new RangeError('A pack always has ratings');
  return rating;
}

export function findRating(policy: PolicyPack, code: string): RatingRule | undefined {
  return policy.yearlyReview.ratings.find((rating) => rating.code === code);
}

export function findMemberUnit(
  policy: PolicyPack,
  value: string,
): PolicyPack['memberUnits'][number] | undefined {
  return policy.memberUnits.find((unit) => unit.code === value || unit.nameZh === value);
}

/** Years a town listed in `listingYear` is reviewed in. */
export function reviewYearsFor(policy: PolicyPack, listingYear: number): number[] {
  const years: number[] = [];
  for (
    let year = listingYear + policy.yearlyReview.firstYearOffset;
    year <= policy.yearlyReview.lastReviewYear;
    year += 1
  ) {
    years.push(year);
  }
  return years;
}

export interface ReviewCalendar {
  readonly year: number;
  readonly opensAt: string;
  readonly statisticsDueAt: string;
  readonly ratingDueAt: string;
}

export function reviewCalendar(policy: PolicyPack, year: number): ReviewCalendar {
  const { opensOn, statisticsDueOn, ratingDueOn } = policy.yearlyReview;
  return {
    year,
    opensAt: startOfDay({ year, ...opensOn }),
    statisticsDueAt: dueAtEndOf({ year, ...statisticsDueOn }, holidayRule(policy)),
    ratingDueAt: dueAtEndOf({ year, ...ratingDueOn }, holidayRule(policy)),
  };
}

export function finalAcceptanceStartsAt(policy: PolicyPack): string {
  return startOfDay(parseLocalDate(policy.finalAcceptance.startsOn));
}

/** Silent in the document; the default: a reminder a week before each deadline and one the day before. */
export const DEFAULT_REMINDER_DAYS_BEFORE: readonly number[] = [7, 1];

/** Days before each deadline a reminder is recorded, largest first. */
export function reminderDaysBefore(policy: PolicyPack): number[] {
  return [...(policy.reminders?.daysBefore ?? DEFAULT_REMINDER_DAYS_BEFORE)].sort((a, b) => b - a);
}
