import { parsePolicyPack, pingxiang2017 } from '../../../../domain/policy';
import { forgetParsedPacks, parsedOnce, REMEMBERED_VERSIONS } from '../../../../domain/policy/parsed-packs';
import { containing } from '../../../helpers/given-when-then';

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A parse that counts its calls and stamps what it returns, so a remembered result is recognisable. */
function countingParse() {
  const calls: unknown[] = [];
  const parse = (input: unknown) => {
    calls.push(input);
    return { parsed: calls.length };
  };
  return { calls, parse };
}

describe('packs parsed once per claimed version', () => {
  beforeEach(() => forgetParsedPacks());

  it('hands back what an identical input gave, without parsing it again', () => {
    const { calls, parse } = countingParse();
    const first = parsedOnce({ version: 'v1', rules: [1, 2] }, parse);
    expect(parsedOnce({ version: 'v1', rules: [1, 2] }, parse)).toBe(first);
    expect(calls).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ['a changed value', { version: 'v1', rules: [1, 3] }],
    ['an extra field', { version: 'v1', rules: [1, 2], extra: true }],
    ['the same fields in another order', { rules: [1, 2], version: 'v1' }],
    ['an array in place of an object', { version: 'v1', rules: { 0: 1, 1: 2 } }],
    ['a number spelt as a string', { version: 'v1', rules: [1, '2'] }],
  ])('parses again an input under the same version with %s', (_case, other) => {
    const { calls, parse } = countingParse();
    parsedOnce({ version: 'v1', rules: [1, 2] }, parse);
    expect(parsedOnce(other, parse)).toEqual({ parsed: 2 });
    expect(calls).toHaveLength(2);
  });

  it('parses every time an input that claims no version', () => {
    const { calls, parse } = countingParse();
    parsedOnce({ rules: [1] }, parse);
    parsedOnce({ rules: [1] }, parse);
    parsedOnce(null, parse);
    expect(calls).toHaveLength(3);
  });

  it('keeps what it parsed as it was, whatever the caller does to its object later', () => {
    const { calls, parse } = countingParse();
    const input = { version: 'v1', rules: [1, 2] };
    parsedOnce(input, parse);
    input.rules.push(3);
    parsedOnce(input, parse);
    expect(calls).toHaveLength(2);
  });

  it('remembers nothing that failed to parse', () => {
    let attempts = 0;
    const refuse = () => {
      attempts += 1;
      throw new Error('refused');
    };
    expect(() => parsedOnce({ version: 'v1' }, refuse)).toThrow('refused');
    expect(() => parsedOnce({ version: 'v1' }, refuse)).toThrow('refused');
    expect(attempts).toBe(2);
  });

  it(`keeps at most ${REMEMBERED_VERSIONS} versions, dropping the oldest`, () => {
    const { calls, parse } = countingParse();
    for (let index = 0; index <= REMEMBERED_VERSIONS; index += 1) parsedOnce({ version: `v${index}` }, parse);
    parsedOnce({ version: `v${REMEMBERED_VERSIONS}` }, parse);
    expect(calls).toHaveLength(REMEMBERED_VERSIONS + 1);
    parsedOnce({ version: 'v0' }, parse);
    expect(calls).toHaveLength(REMEMBERED_VERSIONS + 2);
  });

  it('still refuses a pack altered under a version it was seen with', () => {
    const genuine = asJson(pingxiang2017) as typeof pingxiang2017;
    expect(parsePolicyPack(genuine)).toEqual(pingxiang2017);
    const altered = { ...genuine, quota: { ...genuine.quota, maxTownsPerCounty: 99 } };
    expect(() => parsePolicyPack(altered)).toThrow(containing({ code: 'POLICY_VERSION_MISMATCH' }));
    expect(parsePolicyPack(asJson(pingxiang2017))).toBe(parsePolicyPack(genuine));
  });
});
