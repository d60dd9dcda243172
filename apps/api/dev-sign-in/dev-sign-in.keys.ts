import type { KeyObject } from 'node:crypto';
import type { AuthConfig, AuthKeys } from '../../../infra/auth/auth-config';
import type { SigningAlgorithm } from '../../../infra/auth/auth-keys';

export const DEV_SIGN_IN = Symbol('DEV_SIGN_IN');
export const DEV_SIGN_IN_POLICY = Symbol('DEV_SIGN_IN_POLICY');

/** What the development sign-in signs with: the key pair `npm start` made, and the token's audience. */
export interface DevSignInKeys {
  readonly privateKey: KeyObject;
  readonly algorithm: SigningAlgorithm;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
}

/** A working day, as `npm run token` gives by default. */
export const devTokenTtlSeconds = 8 * 3_600;

/** The development sign-in's keys when this process holds a private key (`npm start`); none otherwise. */
export function devSignInKeys(config: AuthConfig, keys: AuthKeys): DevSignInKeys | undefined {
  if (!keys.privateKey) return undefined;
  return {
    privateKey: keys.privateKey,
    algorithm: keys.algorithm,
    issuer: config.issuer,
    audience: config.audience,
    ttlSeconds: devTokenTtlSeconds,
  };
}
