import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningAlgorithm } from './auth-keys';
import type { Principal } from './principal';

export interface MintOptions {
  readonly privateKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  readonly issuer: string;
  readonly audience: string;
  readonly principal: Principal;
  readonly ttlSeconds: number;
  /** Default: now. Tests mint tokens that are already expired or not valid yet by moving it. */
  readonly issuedAt?: Date;
}

/** A signed token for one seat holder; what a real identity provider would issue in a deployment. */
export async function mintToken(options: MintOptions): Promise<string> {
  const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000);
  const { userId, seat, county, unit, name } = options.principal;
  return new SignJWT({
    seat,
    ...(county === undefined ? {} : { county }),
    ...(unit === undefined ? {} : { unit }),
    ...(name ? { name } : {}),
  })
    .setProtectedHeader({ alg: options.algorithm, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(userId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .sign(options.privateKey);
}

const ttlUnits: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };
/** A working day is the longest a token should live; a month is a hard ceiling for local use. */
export const maxTtlSeconds = 30 * 86_400;

/** `90s`, `15m`, `8h`, `7d` → seconds; undefined when it is not such a duration or out of range. */
export function parseTtl(value: string): number | undefined {
  const match = /^(\d{1,7})([smhd])$/.exec(value.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (ttlUnits[match[2] ?? ''] ?? 0);
  return seconds > 0 && seconds <= maxTtlSeconds ? seconds : undefined;
}
