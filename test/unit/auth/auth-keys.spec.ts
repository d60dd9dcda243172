import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig, resolveAuthKeys } from '../../../infra/auth/auth-config';
import { algorithmFor, AuthKeyError, ensureDevKeyPair } from '../../../infra/auth/auth-keys';
import { ConfigError } from '../../../infra/config/app-config';
import { rsaKeyPair } from '../../helpers/rsa-key-pair';

describe('auth keys and configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'towns-auth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a development Ed25519 key pair once, private key readable by the owner only', () => {
    const first = ensureDevKeyPair(join(dir, 'auth'));
    expect(first.created).toBe(true);
    expect(statSync(first.privateKeyFile).mode & 0o077).toBe(0);
    const pem = readFileSync(first.publicKeyFile, 'utf8');
    const second = ensureDevKeyPair(join(dir, 'auth'));
    expect(second.created).toBe(false);
    expect(readFileSync(second.publicKeyFile, 'utf8')).toBe(pem);
  });

  it('derives the algorithm from the key: EdDSA for Ed25519, RS256 for RSA of 2048 bits or more', () => {
    expect(algorithmFor(generateKeyPairSync('ed25519').publicKey)).toBe('EdDSA');
    expect(algorithmFor(rsaKeyPair(2048).publicKey)).toBe('RS256');
    expect(() => algorithmFor(rsaKeyPair(1024).publicKey)).toThrow(AuthKeyError);
    expect(() => algorithmFor(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey)).toThrow(
      AuthKeyError,
    );
  });

  it('reads the environment with defaults for issuer and audience', () => {
    expect(loadAuthConfig({})).toEqual({
      issuer: 'towns-local',
      audience: 'towns-api',
      publicKeyFile: undefined,
      privateKeyFile: undefined,
    });
    expect(
      loadAuthConfig({ AUTH_ISSUER: 'https://id.example', AUTH_PUBLIC_KEY_FILE: 'k.pem' }),
    ).toMatchObject({
      issuer: 'https://id.example',
      publicKeyFile: expect.stringMatching(/k\.pem$/),
    });
  });

  it('requires a public key unless it may make a development pair', () => {
    expect(() => resolveAuthKeys(loadAuthConfig({}))).toThrow(ConfigError);
    const keys = resolveAuthKeys(loadAuthConfig({}), { devKeyDir: join(dir, 'auth') });
    expect(keys).toMatchObject({ algorithm: 'EdDSA', generated: true });
    expect(keys.privateKey).toBeDefined();
  });

  it('only uses a development pair it may not make: refused, naming the file missing, nothing written', () => {
    const devKeyDir = join(dir, 'auth');
    const options = { devKeyDir, makeDevKeys: false };
    expect(() => resolveAuthKeys(loadAuthConfig({}), options)).toThrow(
      expect.objectContaining({ code: 'AUTH_KEY_MISSING' }) as Error,
    );
    expect(existsSync(devKeyDir)).toBe(false);
    const made = ensureDevKeyPair(devKeyDir);
    rmSync(made.privateKeyFile);
    expect(() => resolveAuthKeys(loadAuthConfig({}), options)).toThrow(
      `No development key pair to sign with: ${made.privateKeyFile} is missing.`,
    );
    expect(existsSync(made.privateKeyFile)).toBe(false);
  });

  it('uses a configured public key without any private key, and refuses a private key of another pair', () => {
    const pair = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const publicFile = join(dir, 'public.pem');
    const otherPrivateFile = join(dir, 'other.pem');
    writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(otherPrivateFile, other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const verifyOnly = resolveAuthKeys(loadAuthConfig({ AUTH_PUBLIC_KEY_FILE: publicFile }), {
      devKeyDir: join(dir, 'x'),
    });
    expect(verifyOnly.privateKey).toBeUndefined();
    expect(() =>
      resolveAuthKeys(
        loadAuthConfig({ AUTH_PUBLIC_KEY_FILE: publicFile, AUTH_PRIVATE_KEY_FILE: otherPrivateFile }),
      ),
    ).toThrow(/does not belong/);
    expect(() => resolveAuthKeys(loadAuthConfig({ AUTH_PUBLIC_KEY_FILE: join(dir, 'missing.pem') }))).toThrow(
      AuthKeyError,
    );
  });
});
