import type { PolicyPack } from '../../domain/policy/policy-pack.schema';
import { seatPlace, seatPlaceNames, type SeatPlace } from '../../domain/access/seat-place';
import { humanSeats, isHumanSeat, type HumanSeat } from '../../domain/shared/seats';
import type { Principal } from '../../infra/auth/principal';
import { claimTextProblem, describeClaimTextProblem, maxClaimLength } from '../../infra/auth/token-claims';
import { parseTtl } from '../../infra/auth/token-issuer';
import { asUsageError, parseCommandLine, UsageError } from '../cli-usage';

export const tokenUsage = [
  'Usage: npm run token -- --role <seat> [--county <county> | --unit <member unit>] [--sub <user id>] [--name <name>] [--ttl 8h]',
  '',
  `  --role    one of: ${humanSeats.join(', ')}`,
  '  --county  required for county-official: code or Chinese name (e.g. luxi or 芦溪县)',
  '  --unit    required for member-unit-inspector: the member unit, code or Chinese name (e.g. construction or 市建设局)',
  `  --sub     the user id recorded on every event (default: <role>[-<county or unit>]-1), at most ${maxClaimLength} characters`,
  `  --name    a display name, at most ${maxClaimLength} characters`,
  '  --ttl     lifetime: 90s, 15m, 8h, 7d (default 8h, at most 30d)',
  '',
  'Prints the token alone on standard output:',
  '  curl -H "Authorization: Bearer $(npm run -s token -- --role auditor)" http://localhost:3000/api/towns',
].join('\n');

export type TokenRequest =
  | { readonly ok: true; readonly principal: Principal; readonly ttlSeconds: number }
  | { readonly ok: false; readonly error: UsageError };

type Scoped = SeatPlace | { readonly error: UsageError };

/** The county or member unit the seat is held for, checked against the pack; nothing for a citywide seat. */
function scopeOf(
  role: HumanSeat,
  given: { county?: string | undefined; unit?: string | undefined },
  policy: PolicyPack,
): Scoped {
  const placed = seatPlace(role, given, policy, 'refuse');
  if ('place' in placed) return placed.place;
  const { field, reason } = placed.problem;
  if (reason === 'missing')
    return { error: new UsageError('OPTION_REQUIRED', `--${field} is required for ${role}`) };
  if (reason === 'not-applicable') {
    const holders = field === 'county' ? 'county officials' : 'member-unit inspectors';
    return {
      error: new UsageError('OPTIONS_CONFLICT', `--${field} applies to ${holders} only, not to ${role}`),
    };
  }
  const known = (field === 'county' ? policy.counties : policy.memberUnits).map(
    (place) => `${place.code} (${place.nameZh})`,
  );
  return {
    error: new UsageError(
      'OPTION_INVALID',
      `--${field} "${given[field] ?? ''}" is not a ${seatPlaceNames[field]} of ${policy.id}: ${known.join(', ')}`,
    ),
  };
}

/**
 * The text of `--sub` and `--name` under the rule the API checks the claims by (infra/auth/token-claims.ts),
 * so that a token minted here is never refused there for its text; nothing when both are fine.
 */
function claimTextError(values: {
  sub?: string | undefined;
  name?: string | undefined;
}): UsageError | undefined {
  for (const [option, value, blank] of [
    ['sub', values.sub, 'refused'],
    ['name', values.name, 'allowed'],
  ] as const) {
    const problem = value === undefined ? undefined : claimTextProblem(value, blank);
    if (problem)
      return new UsageError('OPTION_INVALID', `--${option} ${describeClaimTextProblem(problem).en}`);
  }
  return undefined;
}

/** The command line of `npm run token`, checked against the seats and the programme's counties and units. */
export function parseTokenRequest(argv: readonly string[], policy: PolicyPack): TokenRequest {
  let values;
  try {
    ({ values } = parseCommandLine({
      args: [...argv],
      options: {
        role: { type: 'string' },
        county: { type: 'string' },
        unit: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    const usageError = asUsageError(error);
    if (usageError) return { ok: false, error: usageError };
    throw error;
  }
  const { role, sub, name, ttl } = values;
  if (role === undefined)
    return {
      ok: false,
      error: new UsageError('OPTION_REQUIRED', `--role is required: one of ${humanSeats.join(', ')}`),
    };
  if (!isHumanSeat(role))
    return {
      ok: false,
      error: new UsageError('OPTION_INVALID', `--role must be one of: ${humanSeats.join(', ')}`),
    };
  const ttlSeconds = parseTtl(ttl ?? '8h');
  if (ttlSeconds === undefined)
    return {
      ok: false,
      error: new UsageError('OPTION_INVALID', `--ttl "${ttl ?? ''}" is not 1s to 30d (e.g. 8h)`),
    };
  const textError = claimTextError(values);
  if (textError) return { ok: false, error: textError };
  const scoped = scopeOf(role, values, policy);
  if ('error' in scoped) return { ok: false, error: scoped.error };
  const heldFor = scoped.county ?? scoped.unit;
  const userId = sub ?? `${role}${heldFor ? `-${heldFor}` : ''}-1`;
  return {
    ok: true,
    principal: { userId, seat: role, ...scoped, ...(name ? { name } : {}) },
    ttlSeconds,
  };
}
