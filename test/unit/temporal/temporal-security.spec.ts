import { ConfigError, loadConfig } from '../../../infra/config/app-config';
import { connectionOptions } from '../../../infra/temporal/temporal-connection';
import {
  describeTemporalSecurity,
  loadTemporalSecurity,
  TemporalSecurityIssues,
} from '../../../infra/temporal/temporal-security';

/** Files by path, as the real reader would find them. */
const files: Record<string, string> = {
  '/certs/client.pem': 'CLIENT CERT',
  '/certs/client.key': 'CLIENT KEY',
  '/certs/ca.pem': 'CA CERT',
};
const readFile = (path: string): Buffer => {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return Buffer.from(content);
};

const issuesOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadTemporalSecurity(env, readFile);
  } catch (error) {
    if (error instanceof TemporalSecurityIssues) return error.issues;
    throw error;
  }
  throw new Error('expected issues');
};

describe('the Temporal connection’s security from the environment', () => {
  it('is plain gRPC when nothing is set', () => {
    expect(loadTemporalSecurity({}, readFile)).toEqual({ tls: undefined, apiKey: undefined });
  });

  it('reads mTLS files, the CA and the server name, and passes them to both kinds of connection', () => {
    const security = loadTemporalSecurity(
      {
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/certs/client.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/certs/client.key',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/certs/ca.pem',
        TEMPORAL_TLS_SERVER_NAME: 'towns.tmprl.cloud',
      },
      readFile,
    );
    expect(security.tls).toEqual({
      serverNameOverride: 'towns.tmprl.cloud',
      serverRootCACertificate: Buffer.from('CA CERT'),
      clientCertPair: { crt: Buffer.from('CLIENT CERT'), key: Buffer.from('CLIENT KEY') },
    });
    expect(connectionOptions('cluster:7233', security)).toEqual({
      address: 'cluster:7233',
      tls: security.tls,
    });
    expect(describeTemporalSecurity(security)).toBe('mTLS, own CA, server name towns.tmprl.cloud');
  });

  it('takes PEM text from *_DATA variables', () => {
    const security = loadTemporalSecurity(
      { TEMPORAL_TLS_CLIENT_CERT_DATA: 'CERT TEXT', TEMPORAL_TLS_CLIENT_KEY_DATA: 'KEY TEXT' },
      readFile,
    );
    expect(security.tls?.clientCertPair).toEqual({
      crt: Buffer.from('CERT TEXT'),
      key: Buffer.from('KEY TEXT'),
    });
  });

  it('turns TLS on for an API key alone (system CAs), and never names the key in descriptions', () => {
    const security = loadTemporalSecurity({ TEMPORAL_API_KEY: 'secret-key-1' }, readFile);
    expect(security).toEqual({ tls: {}, apiKey: 'secret-key-1' });
    expect(connectionOptions('ns.acct.tmprl.cloud:7233', security)).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: {},
      apiKey: 'secret-key-1',
    });
    expect(describeTemporalSecurity(security)).toBe('TLS, system CAs, API key');
    expect(describeTemporalSecurity(security)).not.toContain('secret-key-1');
  });

  it('turns TLS on or off by TEMPORAL_TLS', () => {
    expect(loadTemporalSecurity({ TEMPORAL_TLS: 'true' }, readFile).tls).toEqual({});
    expect(loadTemporalSecurity({ TEMPORAL_TLS: 'false' }, readFile).tls).toBeUndefined();
  });

  it.each([
    [{ TEMPORAL_TLS_CLIENT_CERT_PATH: '/certs/client.pem' }, /CLIENT_KEY.*certificate and its key/],
    [{ TEMPORAL_TLS_CLIENT_KEY_DATA: 'KEY' }, /certificate and its key/],
    [
      { TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/certs/ca.pem', TEMPORAL_TLS_SERVER_CA_CERT_DATA: 'CA' },
      /SERVER_CA_CERT_PATH and TEMPORAL_TLS_SERVER_CA_CERT_DATA: give one/,
    ],
    [
      { TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/certs/missing.pem' },
      /SERVER_CA_CERT_PATH: cannot read \/certs\/missing.pem/,
    ],
    [{ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }, /never sent without TLS/],
    [{ TEMPORAL_TLS: 'maybe' }, /TEMPORAL_TLS: expected true or false/],
  ])('refuses %j', (env, expected) => {
    expect(issuesOf(env).join('\n')).toMatch(expected);
  });

  it('is refused by the configuration without TEMPORAL_ADDRESS: the dev server speaks plain gRPC', () => {
    expect(() => loadConfig({ TEMPORAL_API_KEY: 'k' })).toThrow(ConfigError);
    expect(() => loadConfig({ TEMPORAL_TLS: 'maybe', TEMPORAL_ADDRESS: 'cluster:7233' })).toThrow(
      /TEMPORAL_TLS: expected true or false/,
    );
    expect(loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_ADDRESS: 'cluster:7233' }).temporal.security).toEqual(
      {
        tls: {},
        apiKey: 'k',
      },
    );
  });
});
