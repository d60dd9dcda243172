/**
 * A rehearsal of a programme: the same rules with the calendar moved so that the first application
 * window opens on a chosen day. A programme written for 2017 cannot be run on a live Temporal server
 * in a later year (its windows are long closed, and a server's clock only moves forward), yet officials
 * need to train on it, the simulation needs to run it, and the tests need to drive it.
 *
 * Every calendar date of the pack moves by the same number of days; year numbers (the last review
 * year) move by the number of years the first list's publication moved, so the pack reviews the same
 * number of years. Month-day rules ("reviews open on 1 December") stay as written. The result is a new
 * pack with its own id and content hash, so events decided under it can never be mistaken for events
 * decided under the original.
 */
import { addDays, formatLocalDate, parseLocalDate } from '../calendar/shanghai-calendar';
import { daysFromCivil } from '../calendar/instant';
import { definePolicyPack } from './define-policy-pack';
import type { PolicyPack, PolicyPackContent } from './policy-pack.schema';

export function rehearsalOf(pack: PolicyPack, firstWindowOpensOn: string): PolicyPack {
  const [firstBatch] = pack.batches;
  if (!firstBatch) throw new RangeError('A pack always has a batch');
  const from = parseLocalDate(firstBatch.applicationOpensOn);
  const to = parseLocalDate(firstWindowOpensOn);
  const shiftDays = daysFromCivil(to.year, to.month, to.day) - daysFromCivil(from.year, from.month, from.day);
  const shift = (date: string): string => formatLocalDate(addDays(parseLocalDate(date), shiftDays));
  const shiftYears =
    parseLocalDate(shift(firstBatch.listPublishedBy)).year - parseLocalDate(firstBatch.listPublishedBy).year;

  const { version: _version, ...content } = pack;
  const rehearsal: PolicyPackContent = {
    ...content,
    id: rehearsalIdOf(pack.id, firstWindowOpensOn),
    title: { zh: `${pack.title.zh}（演练）`, en: `${pack.title.en} (rehearsal)` },
    source: {
      ...pack.source,
      note: `Rehearsal of ${pack.id}@${pack.version}: calendar moved ${shiftDays} days. ${pack.source.note}`.trim(),
    },
    calendar: { ...pack.calendar, nonWorkingDays: pack.calendar.nonWorkingDays.map(shift) },
    batches: pack.batches.map((batch) => ({
      ...batch,
      applicationOpensOn: shift(batch.applicationOpensOn),
      applicationClosesOn: shift(batch.applicationClosesOn),
      listPublishedBy: shift(batch.listPublishedBy),
    })),
    yearlyReview: { ...pack.yearlyReview, lastReviewYear: pack.yearlyReview.lastReviewYear + shiftYears },
    finalAcceptance: { ...pack.finalAcceptance, startsOn: shift(pack.finalAcceptance.startsOn) },
  };
  return definePolicyPack(rehearsal);
}

const REHEARSAL = '-rehearsal-';

/** The id of a pack's rehearsal opening on that day: the original's id, so the two are never mixed up. */
export function rehearsalIdOf(packId: string, firstWindowOpensOn: string): string {
  return `${packId}${REHEARSAL}${firstWindowOpensOn}`;
}

/** The day a rehearsal of `originalId` opens on, when `packId` is the id `rehearsalIdOf` gives one. */
export function rehearsalOpeningOf(packId: string, originalId: string): string | undefined {
  const prefix = `${originalId}${REHEARSAL}`;
  return packId.startsWith(prefix) ? packId.slice(prefix.length) : undefined;
}
