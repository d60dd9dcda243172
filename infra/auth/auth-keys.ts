import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The two signature algorithms we accept; which one is decided by the key, never by the token. */
export type SigningAlgorithm = 'EdDSA' | 'RS256';

export class AuthKeyError extends Error {
  readonly code = 'AUTH_KEY_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'AuthKeyError';
  }
}

/**
 * The algorithm a key is used with. Tying it to the key type means a token cannot choose its own
 * algorithm (the classic `alg` confusion attacks): an Ed25519 key verifies EdDSA and nothing else.
 */
export function algorithmFor(key: KeyObject): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') return 'EdDSA';
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new AuthKeyError(`RSA keys must have at least 2048 bits, this one has ${bits}`);
    return 'RS256';
  }
  throw new AuthKeyError(`Unsupported key type "${type ?? 'unknown'}": use Ed25519 (EdDSA) or RSA (RS256)`);
}

export function readPublicKey(file: string): KeyObject {
  try {
    return createPublicKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AuthKeyError(`Cannot read a PEM public key from ${file}: ${describe(error)}`);
  }
}

export function readPrivateKey(file: string): KeyObject {
  try {
    return createPrivateKey(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AuthKeyError(`Cannot read a PEM private key from ${file}: ${describe(error)}`);
  }
}

export interface KeyPairFiles {
  readonly publicKeyFile: string;
  readonly privateKeyFile: string;
  /** True when this call created them. */
  readonly created: boolean;
}

/**
 * For running on one machine only: an Ed25519 key pair under `dir`, made the first time. A deployment
 * configures its identity provider's public key instead (AUTH_PUBLIC_KEY_FILE) and has no private key.
 */
export function ensureDevKeyPair(dir: string): KeyPairFiles {
  const { publicKeyFile, privateKeyFile } = devKeyPairFiles(dir);
  if (existsSync(publicKeyFile) && existsSync(privateKeyFile)) {
    return { publicKeyFile, privateKeyFile, created: false };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return { publicKeyFile, privateKeyFile, created: true };
}

/**
 * The development key pair `npm start` made under `dir`, for `npm run token`: a pair made up here would
 * sign tokens the running API (which verifies with the one it made) refuses, so none is made.
 */
export function existingDevKeyPair(dir: string): KeyPairFiles {
  const files = devKeyPairFiles(dir);
  const missing = [files.publicKeyFile, files.privateKeyFile].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new AuthKeyMissing(
      `No development key pair to sign with: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} ` +
        'missing. Run `npm start` (or `npm run start:training`) once with this DATA_DIR: it makes the pair ' +
        'its API verifies with. Or set AUTH_PUBLIC_KEY_FILE and AUTH_PRIVATE_KEY_FILE to the key pair of ' +
        'the API the token is for.',
    );
  }
  return { ...files, created: false };
}

function devKeyPairFiles(dir: string): { publicKeyFile: string; privateKeyFile: string } {
  return { publicKeyFile: join(dir, 'public.pem'), privateKeyFile: join(dir, 'private.pem') };
}

/** No key where one is needed: to be made or named, not mended, so a code of its own. */
export class AuthKeyMissing extends Error {
  readonly code = 'AUTH_KEY_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'AuthKeyMissing';
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
