import { parseArgs } from 'node:util';
import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { findCounty } from '../../domain/policy/policy-rules';
import { countyScopedSeats, humanSeats, isHumanSeat, type Principal } from '../../infra/auth/principal';
import { parseTtl } from '../../infra/auth/token-issuer';

export const tokenUsage = [
  'Usage: npm run token -- --role <seat> [--county <county>] [--sub <user id>] [--name <name>] [--ttl 8h]',
  '',
  `  --role    one of: ${humanSeats.join(', ')}`,
  '  --county  required for county-official: code or Chinese name (e.g. luxi or 芦溪县)',
  '  --sub     the user id recorded on every event (default: <role>[-<county>]-1)',
  '  --ttl     lifetime: 90s, 15m, 8h, 7d (default 8h, at most 30d)',
  '',
  'Prints the token alone on standard output:',
  '  curl -H "Authorization: Bearer $(npm run -s token -- --role auditor)" http://localhost:3000/api/towns',
].join('\n');

export type TokenRequest =
  | { readonly ok: true; readonly principal: Principal; readonly ttlSeconds: number }
  | { readonly ok: false; readonly error: string };

/** The command line of `npm run token`, checked against the seats and the programme's counties. */
export function parseTokenRequest(argv: readonly string[], policy: PolicyPack): TokenRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string' },
        county: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const { role, county, sub, name, ttl } = values;
  if (!isHumanSeat(role)) return { ok: false, error: `--role must be one of: ${humanSeats.join(', ')}` };
  const ttlSeconds = parseTtl(ttl ?? '8h');
  if (ttlSeconds === undefined)
    return { ok: false, error: `--ttl "${ttl ?? ''}" is not 1s to 30d (e.g. 8h)` };
  let countyCode: string | undefined;
  if (countyScopedSeats.includes(role)) {
    if (county === undefined) return { ok: false, error: `--county is required for ${role}` };
    const rule = findCounty(policy, county);
    if (!rule) {
      const known = policy.counties.map((c) => `${c.code} (${c.nameZh})`).join(', ');
      return { ok: false, error: `--county "${county}" is not a county of ${policy.id}: ${known}` };
    }
    countyCode = rule.code;
  } else if (county !== undefined) {
    return { ok: false, error: `--county applies to county officials only, not to ${role}` };
  }
  const userId = sub?.trim() || `${role}${countyCode ? `-${countyCode}` : ''}-1`;
  return {
    ok: true,
    principal: {
      userId,
      seat: role,
      ...(countyCode ? { county: countyCode } : {}),
      ...(name ? { name } : {}),
    },
    ttlSeconds,
  };
}
