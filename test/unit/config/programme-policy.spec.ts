import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../infra/config/app-config';
import { resolveProgrammePolicy } from '../../../infra/config/programme-policy';

/** The refusal `run` throws, or undefined when it throws none. */
function refusalOf(run: () => unknown): unknown {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

const now = new Date('2027-01-10T02:00:00Z');

describe('the POLICY* settings', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-programme-policy-'));
  afterAll(() => rmSync(place, { recursive: true, force: true }));

  it.each([['2027-02-30'], ['2027-13-01'], ['2027-2-3'], ['abc']])(
    'refuses POLICY_REHEARSAL_OPENS_ON=%s as a date no calendar has, naming the variable',
    (value) => {
      const refusal = refusalOf(() => loadConfig({ POLICY_REHEARSAL_OPENS_ON: value }));
      expect(refusal).toBeInstanceOf(ConfigError);
      expect(refusal).toMatchObject({ code: 'SETTING_INVALID' });
      expect((refusal as Error).message).toMatch(/^POLICY_REHEARSAL_OPENS_ON=".*": expected a calendar date/);
    },
  );

  it('takes a leap day for a rehearsal’s first window', () => {
    const config = loadConfig({ POLICY_REHEARSAL_OPENS_ON: '2028-02-29' });
    const pack = resolveProgrammePolicy(config.policy, now);
    expect(pack.batches[0]?.applicationOpensOn).toBe('2028-02-29');
  });

  it('refuses a POLICY no built-in pack has, naming it and the packs there are', () => {
    const refusal = refusalOf(() => resolveProgrammePolicy(loadConfig({ POLICY: 'bogus' }).policy, now));
    expect(refusal).toMatchObject({ code: 'SETTING_INVALID' });
    expect((refusal as Error).message).toMatch(/^POLICY="bogus": no built-in policy pack .*pingxiang-2017/);
  });

  it.each([
    ['a file that is not there', undefined, /^POLICY_FILE=".*missing\.json": cannot be read \(ENOENT/],
    ['a file that is not JSON', 'not json', /^POLICY_FILE=".*": is not JSON/],
    ['JSON that is not a pack', '{"id":"x"}', /^POLICY_FILE=".*": is not a valid policy pack: /],
  ])('refuses POLICY_FILE naming %s, as a setting', (_what, content, message) => {
    const file = join(place, content === undefined ? 'missing.json' : `${content.length}.json`);
    if (content !== undefined) writeFileSync(file, content);
    const refusal = refusalOf(() => resolveProgrammePolicy(loadConfig({ POLICY_FILE: file }).policy, now));
    expect(refusal).toMatchObject({ code: 'SETTING_INVALID' });
    expect((refusal as Error).message).toMatch(message);
  });
});
