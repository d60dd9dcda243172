import { decideAccess } from '../../../../domain/access/authorize';
import { pingxiang2017 } from '../../../../domain/policy/packs/pingxiang-2017';
import { requireOwnCounty } from '../../../../domain/shared/command-rules';
import type { DecisionContext } from '../../../../domain/shared/decision';
import { DomainRefusal } from '../../../../domain/shared/domain-refusal';
import type { Actor } from '../../../../domain/shared/event-envelope';

const context = (actor: Actor): DecisionContext => ({
  now: '2017-06-01T09:00:00+08:00',
  actor,
  policy: pingxiang2017,
  commandId: 'command-1',
});

function refusalOf(check: () => void): DomainRefusal {
  try {
    check();
  } catch (error) {
    if (error instanceof DomainRefusal) return error;
    throw error;
  }
  throw new Error('no refusal');
}

describe('requireOwnCounty', () => {
  const luxi: Actor = { userId: 'luxi-1', seat: 'county-official', county: 'luxi' };

  it('lets a county official act for their own county, named by code or by name', () => {
    expect(() => requireOwnCounty(context(luxi), 'luxi')).not.toThrow();
    expect(() => requireOwnCounty(context({ ...luxi, county: '芦溪县' }), 'luxi')).not.toThrow();
  });

  it('refuses another county with the details the edge gives, and names no code in the message', () => {
    const refusal = refusalOf(() => requireOwnCounty(context(luxi), 'shangli'));
    const edge = decideAccess(
      { seat: 'county-official', county: 'luxi' },
      { kind: 'command', command: { aggregate: 'town', type: 'SubmitPlan' } },
      { county: 'shangli' },
    );
    expect(edge).toMatchObject({ allowed: false, code: 'ACTOR_COUNTY_MISMATCH' });
    expect(refusal.toJSON()).toEqual({
      code: 'ACTOR_COUNTY_MISMATCH',
      messageZh: '县区官员只能为本县区的小镇办理事项。',
      messageEn: 'A county official may act only for towns of their own county or district.',
      details: { county: 'luxi', targetCounty: 'shangli' },
    });
    expect(edge).toMatchObject({ details: refusal.details });
  });

  it('refuses a county official whose seat names no county, and passes seats that act for the city', () => {
    const { county: _none, ...withoutCounty } = luxi;
    expect(refusalOf(() => requireOwnCounty(context(withoutCounty), 'luxi')).code).toBe(
      'ACTOR_COUNTY_MISMATCH',
    );
    const secretary: Actor = { userId: 'secretary-1', seat: 'joint-meeting-secretary' };
    expect(() => requireOwnCounty(context(secretary), 'shangli')).not.toThrow();
  });
});
