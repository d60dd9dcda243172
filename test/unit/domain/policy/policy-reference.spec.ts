import {
  definePolicyPack,
  findPolicyVersion,
  jiangxiStyleObservation,
  pingxiang2017,
  pingxiang2017FirstEdition,
  rehearsalOf,
  type PolicyPack,
} from '../../../../domain/policy';
import { builtInPackContents } from '../../../../domain/policy/built-in-pack-contents';
import { forgetParsedPacks } from '../../../../domain/policy/parsed-packs';
import {
  isPolicyReference,
  policyInputOf,
  policyOfInput,
  resolvePolicyReference,
  type PolicyReference,
} from '../../../../domain/policy/policy-reference';
import { containing } from '../../../helpers/given-when-then';

/** A pack handed on, as a workflow's start input would carry it. */
const handedOn = (pack: PolicyPack) => JSON.parse(JSON.stringify(policyInputOf(pack))) as PolicyReference;

describe('a pack handed on by reference (decision 0130)', () => {
  beforeEach(() => forgetParsedPacks());

  it('carries every pack of the registry, current and earlier editions alike', () => {
    for (const content of builtInPackContents) {
      const pack = definePolicyPack(content());
      expect(findPolicyVersion(pack.id, pack.version)).toEqual(pack);
    }
    for (const pack of [pingxiang2017, jiangxiStyleObservation, pingxiang2017FirstEdition]) {
      expect(
        builtInPackContents.some((content) => definePolicyPack(content()).version === pack.version),
      ).toBe(true);
    }
  });

  it('names a built-in pack by id and version, and rebuilds exactly that pack', () => {
    const reference = handedOn(pingxiang2017);
    expect(reference).toEqual({
      builtIn: { id: 'pingxiang-2017', version: pingxiang2017.version },
      version: pingxiang2017.version,
    });
    expect(policyOfInput(reference)).toEqual(pingxiang2017);
  });

  it('names an earlier edition by its own version', () => {
    const reference = handedOn(pingxiang2017FirstEdition);
    expect(reference.builtIn.version).toBe(pingxiang2017FirstEdition.version);
    expect(policyOfInput(reference)).toEqual(pingxiang2017FirstEdition);
  });

  it('names a rehearsal by its built-in pack and date, far smaller than the pack', () => {
    const rehearsal = rehearsalOf(jiangxiStyleObservation, '2027-03-01');
    const reference = handedOn(rehearsal);
    expect(reference).toEqual({
      builtIn: {
        id: 'jiangxi-style-observation',
        version: jiangxiStyleObservation.version,
        rehearsalOpensOn: '2027-03-01',
      },
      version: rehearsal.version,
    });
    expect(policyOfInput(reference)).toEqual(rehearsal);
    expect(JSON.stringify(reference).length * 20).toBeLessThan(JSON.stringify(rehearsal).length);
  });

  it('hands on whole a pack this build cannot rebuild: edited, or only named like a rehearsal', () => {
    const edited = definePolicyPack({ ...pingxiang2017, title: { zh: '改过的', en: 'Edited' } });
    expect(policyInputOf(edited)).toBe(edited);
    const misnamed = definePolicyPack({ ...pingxiang2017, id: 'pingxiang-2017-rehearsal-not-a-date' });
    expect(policyInputOf(misnamed)).toBe(misnamed);
    expect(isPolicyReference(policyInputOf(edited))).toBe(false);
    expect(policyOfInput(edited)).toEqual(edited);
  });

  it('refuses a reference this build cannot honour, naming why', () => {
    const reference = handedOn(rehearsalOf(pingxiang2017, '2027-03-01'));
    expect(() => resolvePolicyReference({ ...reference, version: 'f'.repeat(64) })).toThrow(
      containing({ code: 'POLICY_VERSION_MISMATCH' }),
    );
    expect(() =>
      resolvePolicyReference({ ...reference, builtIn: { ...reference.builtIn, version: '0'.repeat(64) } }),
    ).toThrow(containing({ code: 'POLICY_UNKNOWN' }));
    expect(() =>
      resolvePolicyReference({ ...reference, builtIn: { ...reference.builtIn, id: 'zhejiang-2015' } }),
    ).toThrow(containing({ code: 'POLICY_UNKNOWN' }));
  });

  it('rebuilds a pack once per worker: the same reference gives the same object', () => {
    const reference = handedOn(rehearsalOf(pingxiang2017, '2027-03-01'));
    expect(resolvePolicyReference(reference)).toBe(resolvePolicyReference(reference));
  });
});
