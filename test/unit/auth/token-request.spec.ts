import { parseTokenRequest } from '../../../apps/token/token-request';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';
import { parseTtl } from '../../../infra/auth/token-issuer';

describe('npm run token: the command line', () => {
  it('mints for a county official by Chinese name, keeping the code', () => {
    expect(parseTokenRequest(['--role', 'county-official', '--county', '芦溪县'], pingxiang2017)).toEqual({
      ok: true,
      principal: { userId: 'county-official-luxi-1', seat: 'county-official', county: 'luxi' },
      ttlSeconds: 8 * 3600,
    });
  });

  it('mints for a member-unit inspector by the unit, code or Chinese name, keeping the code', () => {
    expect(
      parseTokenRequest(['--role', 'member-unit-inspector', '--unit', '市建设局'], pingxiang2017),
    ).toEqual({
      ok: true,
      principal: {
        userId: 'member-unit-inspector-construction-1',
        seat: 'member-unit-inspector',
        unit: 'construction',
      },
      ttlSeconds: 8 * 3600,
    });
  });

  it('takes a subject, a name and a lifetime', () => {
    expect(
      parseTokenRequest(
        ['--role', 'auditor', '--sub', 'u1', '--name', '李四', '--ttl', '15m'],
        pingxiang2017,
      ),
    ).toEqual({ ok: true, principal: { userId: 'u1', seat: 'auditor', name: '李四' }, ttlSeconds: 900 });
  });

  it.each([
    [['--role', 'mayor'], /--role must be one of/],
    [['--role', 'system'], /--role must be one of/],
    [['--role', 'county-official'], /--county is required/],
    [['--role', 'county-official', '--county', '南昌县'], /not a county of pingxiang-2017/],
    [['--role', 'auditor', '--county', 'luxi'], /county officials only/],
    [['--role', 'member-unit-inspector'], /--unit is required/],
    [['--role', 'member-unit-inspector', '--unit', '市教育局'], /not a member unit of pingxiang-2017/],
    [['--role', 'member-unit-inspector', '--county', 'luxi'], /county officials only/],
    [
      ['--role', 'county-official', '--county', 'luxi', '--unit', 'construction'],
      /member-unit inspectors only/,
    ],
    [['--role', 'auditor', '--ttl', '90d'], /--ttl/],
    [['--role', 'auditor', '--colour', 'red'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    const result = parseTokenRequest(argv, pingxiang2017);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('reads lifetimes in seconds, minutes, hours and days up to 30 days', () => {
    expect(parseTtl('90s')).toBe(90);
    expect(parseTtl('8h')).toBe(28_800);
    expect(parseTtl('30d')).toBe(2_592_000);
    expect(parseTtl('31d')).toBeUndefined();
    expect(parseTtl('0h')).toBeUndefined();
    expect(parseTtl('8 hours')).toBeUndefined();
  });
});
