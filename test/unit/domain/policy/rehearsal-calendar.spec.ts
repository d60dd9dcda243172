import { batchCalendar, reviewYearsFor } from '../../../../domain/policy/policy-rules';
import { pingxiang2017 } from '../../../../domain/policy/packs/pingxiang-2017';
import { rehearsalOf } from '../../../../domain/policy/rehearsal-calendar';
import { parsePolicyPack } from '../../../../domain/policy/define-policy-pack';

describe('a rehearsal of a pack', () => {
  const rehearsal = rehearsalOf(pingxiang2017, '2026-11-28');

  it('opens the first window on the chosen day and moves every calendar date by the same days', () => {
    expect(
      rehearsal.batches.map((b) => [b.applicationOpensOn, b.applicationClosesOn, b.listPublishedBy]),
    ).toEqual([
      ['2026-11-28', '2026-12-28', '2027-01-27'],
      ['2027-11-28', '2027-12-28', '2028-01-27'],
    ]);
    expect(batchCalendar(rehearsal, rehearsal.batches[0]!).opensAt).toBe('2026-11-27T16:00:00.000Z');
    expect(rehearsal.finalAcceptance.startsOn).toBe('2030-08-30');
  });

  it('reviews as many years as the original', () => {
    expect(rehearsal.yearlyReview.lastReviewYear).toBe(2029);
    // The first list is published in 2017 as written, in 2027 in the rehearsal.
    expect(reviewYearsFor(pingxiang2017, 2017)).toEqual([2017, 2018, 2019]);
    expect(reviewYearsFor(rehearsal, 2027)).toEqual([2027, 2028, 2029]);
  });

  it('is a pack of its own: new id, new content hash, the same rules otherwise', () => {
    expect(rehearsal.id).toBe('pingxiang-2017-rehearsal-2026-11-28');
    expect(rehearsal.version).not.toBe(pingxiang2017.version);
    expect(rehearsal.source.note).toContain(pingxiang2017.version);
    expect(rehearsal.yearlyReview.ratings).toEqual(pingxiang2017.yearlyReview.ratings);
    expect(rehearsal.rewards).toEqual(pingxiang2017.rewards);
    expect(parsePolicyPack(JSON.parse(JSON.stringify(rehearsal)))).toEqual(rehearsal);
  });

  it('is deterministic: the same day gives the same version', () => {
    expect(rehearsalOf(pingxiang2017, '2026-11-28').version).toBe(rehearsal.version);
    expect(rehearsalOf(pingxiang2017, '2026-11-29').version).not.toBe(rehearsal.version);
  });
});
