/**
 * Ed25519 keys for checkpoints and bundles. The private key belongs to the checkpointer alone (never to
 * the API or the worker, which write the log); verifiers hold only public keys. A key's id is derived
 * from the public key itself, so an id can never be attached to the wrong key, and rotating is adding a
 * key: new checkpoints name the new id, old ones keep verifying against the old public key.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hash,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditError } from '../../domain/audit/audit.errors';

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Public keys a verifier accepts, by key id. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

export const PUBLIC_KEY_SUFFIX = '.public.pem';
export const PRIVATE_KEY_SUFFIX = '.private.pem';

/** `ed25519-` and the first 16 hex digits of the SHA-256 of the key's SPKI encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519-${hash('sha256', spki, 'hex').slice(0, 16)}`;
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export function signText(key: SigningKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

export function verifyText(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    // A malformed signature is simply not a valid one.
    return false;
  }
}

/**
 * Writes a new key pair into `directory`: `<keyId>.private.pem` (owner-only) and `<keyId>.public.pem`.
 * Never overwrites a file.
 */
export function generateSigningKey(directory: string): {
  readonly keyId: string;
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyId = keyIdOf(publicKey);
  mkdirSync(directory, { recursive: true });
  const privateKeyFile = join(directory, `${keyId}${PRIVATE_KEY_SUFFIX}`);
  const publicKeyFile = join(directory, `${keyId}${PUBLIC_KEY_SUFFIX}`);
  for (const file of [privateKeyFile, publicKeyFile]) {
    if (existsSync(file)) throw new AuditError('AUDIT_KEY_EXISTS', `${file} already exists`);
  }
  writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  writeFileSync(publicKeyFile, publicKeyPem(publicKey), { flag: 'wx' });
  return { keyId, privateKeyFile, publicKeyFile };
}

export function loadSigningKey(
  file: string | undefined,
  setting: 'AUDIT_SIGNING_KEY_FILE' | 'AUDIT_EXPORT_KEY_FILE' = 'AUDIT_SIGNING_KEY_FILE',
): SigningKey {
  if (file === undefined) {
    throw new AuditError(
      'AUDIT_KEY_MISSING',
      `No signing key: set ${setting} to the private key made by \`npm run audit -- keygen\``,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new AuditError(
      'AUDIT_KEY_INVALID',
      `${setting}=${JSON.stringify(file)}: cannot read the signing key (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AuditError(
      'AUDIT_KEY_INVALID',
      `${setting}=${JSON.stringify(file)}: not an Ed25519 private key`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** Parses one PEM public key; undefined when it is not an Ed25519 public key. */
export function parsePublicKey(pem: string): KeyObject | undefined {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Every `*.public.pem` in `directory`; an absent directory is an empty set. */
export function loadTrustedKeys(directory: string | undefined): TrustedKeys {
  const keys = new Map<string, KeyObject>();
  if (directory === undefined || !existsSync(directory)) return keys;
  for (const name of readdirSync(directory).sort()) {
    if (!name.endsWith(PUBLIC_KEY_SUFFIX)) continue;
    const key = parsePublicKey(readFileSync(join(directory, name), 'utf8'));
    if (key === undefined) {
      throw new AuditError('AUDIT_KEY_INVALID', `${join(directory, name)} is not an Ed25519 public key`);
    }
    keys.set(keyIdOf(key), key);
  }
  return keys;
}
