/**
 * How every process of ours proves itself to a Temporal cluster and checks the cluster in turn: TLS
 * (the server's CA and name), mTLS (a client certificate and key), an API key (Temporal Cloud), all from
 * the environment under the names Temporal's own tools read (`temporal` CLI, the SDKs' envconfig), so one
 * set of variables serves the API, the worker, the checkpointer, the audit CLI and the operator's CLI.
 * Files are read once here, at start-up: a wrong path fails with the variable's name, not later as a
 * handshake error.
 */
import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

export interface TemporalSecurity {
  /** Undefined: plain gRPC (a dev server on loopback). */
  readonly tls: TLSConfig | undefined;
  /** Sent as `Authorization: Bearer …` on every call. */
  readonly apiKey: string | undefined;
}

export const plainTemporal: TemporalSecurity = { tls: undefined, apiKey: undefined };

/** The variables, as Temporal names them; README's configuration table lists the same. */
export const temporalSecurityVariables = [
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_CERT_DATA',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_DATA',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_SERVER_CA_CERT_DATA',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
] as const;

type SecurityEnv = Partial<Record<(typeof temporalSecurityVariables)[number], string>>;

/** What was wrong, one line per variable; the caller wraps them in its own configuration error. */
export class TemporalSecurityIssues extends Error {
  constructor(readonly issues: readonly string[]) {
    super(issues.join('; '));
    this.name = 'TemporalSecurityIssues';
  }
}

/**
 * Reads the security settings. TLS is on when `TEMPORAL_TLS` says so, or when any certificate, CA or
 * server name is given, or when an API key is (a key must never travel in clear text); `TEMPORAL_TLS=false`
 * turns it off explicitly, which with an API key is refused.
 */
export function loadTemporalSecurity(
  env: SecurityEnv,
  readFile: (path: string) => Buffer = readFileSync,
): TemporalSecurity {
  const issues: string[] = [];
  const pem = (name: 'CLIENT_CERT' | 'CLIENT_KEY' | 'SERVER_CA_CERT'): Buffer | undefined => {
    const path = nonEmpty(env[`TEMPORAL_TLS_${name}_PATH`]);
    const data = nonEmpty(env[`TEMPORAL_TLS_${name}_DATA`]);
    if (path !== undefined && data !== undefined) {
      issues.push(`TEMPORAL_TLS_${name}_PATH and TEMPORAL_TLS_${name}_DATA: give one, not both`);
      return undefined;
    }
    if (data !== undefined) return Buffer.from(data);
    if (path === undefined) return undefined;
    try {
      return readFile(path);
    } catch (error) {
      issues.push(`TEMPORAL_TLS_${name}_PATH: cannot read ${path} (${(error as Error).message})`);
      return undefined;
    }
  };
  const crt = pem('CLIENT_CERT');
  const key = pem('CLIENT_KEY');
  const ca = pem('SERVER_CA_CERT');
  const serverName = nonEmpty(env.TEMPORAL_TLS_SERVER_NAME);
  const apiKey = nonEmpty(env.TEMPORAL_API_KEY);
  const switchedOn = parseSwitch(env.TEMPORAL_TLS, issues);

  if (given(env, 'CLIENT_CERT') !== given(env, 'CLIENT_KEY')) {
    issues.push(
      'TEMPORAL_TLS_CLIENT_CERT_* and TEMPORAL_TLS_CLIENT_KEY_*: mTLS needs the certificate and its key',
    );
  }
  const tlsDetails = crt !== undefined || key !== undefined || ca !== undefined || serverName !== undefined;
  if (switchedOn === false && (tlsDetails || apiKey !== undefined)) {
    issues.push(
      'TEMPORAL_TLS=false: certificates, a server name or an API key are given; an API key is never sent without TLS',
    );
  }
  if (issues.length > 0) throw new TemporalSecurityIssues(issues);

  const tlsOn = switchedOn ?? (tlsDetails || apiKey !== undefined);
  const tls: TLSConfig | undefined = tlsOn
    ? {
        ...(serverName === undefined ? {} : { serverNameOverride: serverName }),
        ...(ca === undefined ? {} : { serverRootCACertificate: ca }),
        ...(crt !== undefined && key !== undefined ? { clientCertPair: { crt, key } } : {}),
      }
    : undefined;
  return { tls, apiKey };
}

/** For banners and logs: what protects the connection, never the secrets themselves. */
export function describeTemporalSecurity(security: TemporalSecurity): string {
  if (security.tls === undefined) return 'plain gRPC (no TLS)';
  const parts = [
    security.tls.clientCertPair ? 'mTLS' : 'TLS',
    security.tls.serverRootCACertificate ? 'own CA' : 'system CAs',
    ...(security.tls.serverNameOverride ? [`server name ${security.tls.serverNameOverride}`] : []),
    ...(security.apiKey ? ['API key'] : []),
  ];
  return parts.join(', ');
}

function given(env: SecurityEnv, name: 'CLIENT_CERT' | 'CLIENT_KEY'): boolean {
  return (
    nonEmpty(env[`TEMPORAL_TLS_${name}_PATH`]) !== undefined ||
    nonEmpty(env[`TEMPORAL_TLS_${name}_DATA`]) !== undefined
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function parseSwitch(value: string | undefined, issues: string[]): boolean | undefined {
  const text = nonEmpty(value)?.trim().toLowerCase();
  if (text === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  issues.push(`TEMPORAL_TLS: expected true or false, got "${value}"`);
  return undefined;
}
