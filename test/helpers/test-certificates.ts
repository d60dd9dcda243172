/**
 * A throw-away PKI for TLS tests, made with the `openssl` command line (Node can sign nothing itself):
 * a CA, a server certificate for `temporal.test` and 127.0.0.1, a client certificate it signed, and a
 * client certificate from a CA nobody trusts. Every key is P-256 in PKCS#8, which both Node and the
 * worker's Rust core read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PemFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly cert: Buffer;
  readonly key: Buffer;
}

export interface TestCertificates {
  readonly dir: string;
  readonly ca: PemFiles;
  readonly server: PemFiles;
  readonly client: PemFiles;
  /** Signed by another CA: a server trusting `ca` must refuse it. */
  readonly strangerClient: PemFiles;
  readonly serverName: string;
}

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'towns-tls-'));
  const serverName = 'temporal.test';
  const ca = selfSigned(dir, 'ca', 'towns test CA');
  const strangerCa = selfSigned(dir, 'stranger-ca', 'nobody trusts this CA');
  const server = signed(dir, 'server', serverName, ca, [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=DNS:${serverName},IP:127.0.0.1`,
  ]);
  const clientExtensions = [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature',
    'extendedKeyUsage=clientAuth',
  ];
  const client = signed(dir, 'client', 'towns-worker', ca, clientExtensions);
  const strangerClient = signed(dir, 'stranger-client', 'towns-worker', strangerCa, clientExtensions);
  return { dir, ca, server, client, strangerClient, serverName };
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function newKey(dir: string, name: string): string {
  const keyPath = join(dir, `${name}.key.pem`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyPath]);
  return keyPath;
}

function pemFiles(certPath: string, keyPath: string): PemFiles {
  return { certPath, keyPath, cert: readFileSync(certPath), key: readFileSync(keyPath) };
}

function selfSigned(dir: string, name: string, subject: string): PemFiles {
  const keyPath = newKey(dir, name);
  const certPath = join(dir, `${name}.pem`);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    `/CN=${subject}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return pemFiles(certPath, keyPath);
}

function signed(
  dir: string,
  name: string,
  commonName: string,
  issuer: PemFiles,
  extensions: readonly string[],
): PemFiles {
  const keyPath = newKey(dir, name);
  const csrPath = join(dir, `${name}.csr`);
  const extPath = join(dir, `${name}.ext`);
  const certPath = join(dir, `${name}.pem`);
  writeFileSync(extPath, `${extensions.join('\n')}\n`);
  openssl(['req', '-new', '-key', keyPath, '-out', csrPath, '-subj', `/CN=${commonName}`]);
  openssl([
    'x509',
    '-req',
    '-in',
    csrPath,
    '-CA',
    issuer.certPath,
    '-CAkey',
    issuer.keyPath,
    '-CAcreateserial',
    '-out',
    certPath,
    '-days',
    '2',
    '-extfile',
    extPath,
  ]);
  return pemFiles(certPath, keyPath);
}
