import { seatPlace } from '../../../../domain/access/seat-place';
import { pingxiang2017 } from '../../../../domain/policy/packs/pingxiang-2017';

describe('seatPlace', () => {
  it('keeps a county given by code, Chinese name or alias as its code', () => {
    for (const county of ['luxi', '芦溪县', '芦溪']) {
      expect(seatPlace('county-official', { county }, pingxiang2017, 'refuse')).toEqual({
        place: { county: 'luxi' },
      });
    }
  });

  it('keeps a member unit given by code or Chinese name as its code', () => {
    const unit = pingxiang2017.memberUnits[0];
    for (const given of [unit?.code, unit?.nameZh]) {
      expect(seatPlace('member-unit-inspector', { unit: given }, pingxiang2017, 'refuse')).toEqual({
        place: { unit: unit?.code },
      });
    }
  });

  it('names the field a scoped seat lacks, or the one the pack does not know', () => {
    expect(seatPlace('county-official', {}, pingxiang2017, 'ignore')).toEqual({
      problem: { field: 'county', reason: 'missing' },
    });
    expect(seatPlace('county-official', { county: 'atlantis' }, pingxiang2017, 'ignore')).toEqual({
      problem: { field: 'county', reason: 'unknown' },
    });
    expect(seatPlace('member-unit-inspector', { unit: 'nobody' }, pingxiang2017, 'ignore')).toEqual({
      problem: { field: 'unit', reason: 'unknown' },
    });
  });

  it('refuses a place that does not apply to the seat, or lets it pass unread, as asked', () => {
    expect(seatPlace('auditor', { county: 'luxi' }, pingxiang2017, 'refuse')).toEqual({
      problem: { field: 'county', reason: 'not-applicable' },
    });
    expect(seatPlace('county-official', { county: 'luxi', unit: 'x' }, pingxiang2017, 'refuse')).toEqual({
      problem: { field: 'unit', reason: 'not-applicable' },
    });
    expect(seatPlace('auditor', { county: 'luxi', unit: 'x' }, pingxiang2017, 'ignore')).toEqual({
      place: {},
    });
  });
});
