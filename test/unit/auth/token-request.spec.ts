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
    [[], 'OPTION_REQUIRED', /--role is required/],
    [['--role', 'mayor'], 'OPTION_INVALID', /--role must be one of/],
    [['--role', 'system'], 'OPTION_INVALID', /--role must be one of/],
    [['--role', 'county-official'], 'OPTION_REQUIRED', /--county is required/],
    [['--role', 'county-official', '--county', '南昌县'], 'OPTION_INVALID', /not a county of pingxiang-2017/],
    [['--role', 'auditor', '--county', 'luxi'], 'OPTIONS_CONFLICT', /county officials only/],
    [['--role', 'member-unit-inspector'], 'OPTION_REQUIRED', /--unit is required/],
    [
      ['--role', 'member-unit-inspector', '--unit', '市教育局'],
      'OPTION_INVALID',
      /not a member unit of pingxiang-2017/,
    ],
    [['--role', 'member-unit-inspector', '--county', 'luxi'], 'OPTIONS_CONFLICT', /county officials only/],
    [
      ['--role', 'county-official', '--county', 'luxi', '--unit', 'construction'],
      'OPTIONS_CONFLICT',
      /member-unit inspectors only/,
    ],
    [['--role', 'auditor', '--ttl', '90d'], 'OPTION_INVALID', /--ttl/],
    [['--role', 'auditor', '--colour', 'red'], 'OPTION_UNKNOWN', /Unknown option/],
    [['--role'], 'OPTION_INVALID', /--role/],
    [['--role', 'auditor', 'extra'], 'ARGUMENT_UNEXPECTED', /extra/],
  ])('refuses %j with %s', (argv, code, message) => {
    const result = parseTokenRequest(argv, pingxiang2017);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
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
