import { lookup } from 'node:dns/promises';
import { ConfigError } from '../infra/config/app-config';
import { bindFailure, PortTaken } from '../infra/temporal/port-utils';

/**
 * HOST as a setting: an IP address, or a name this machine resolves. Checked with the other settings, so
 * a typo is refused naming HOST rather than found when the API binds, after everything else has started.
 */
export async function checkHttpHost(host: string): Promise<void> {
  try {
    await lookup(host);
  } catch (error) {
    throw new ConfigError([
      `HOST=${JSON.stringify(host)}: neither an IP address nor a name this machine resolves ` +
        `(${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    ]);
  }
}

/**
 * Checked before anything is started: the API binds its port last, after the dev server and the worker,
 * tens of seconds in, and would only then find it taken.
 */
export async function requireHttpPortFree(host: string, port: number): Promise<void> {
  const failure = await bindFailure(host, port);
  if (failure !== undefined) throw httpBindRefusal(failure, host, port);
}

/**
 * Binds the API. The port was free when checked, but another process may have taken it since (the API
 * binds last): that is said the same way, not as a bare EADDRINUSE.
 */
export async function listenHttp(
  api: { listen(port: number, host: string): Promise<unknown> },
  host: string,
  port: number,
): Promise<void> {
  try {
    await api.listen(port, host);
  } catch (error) {
    throw isSystemError(error) ? httpBindRefusal(error, host, port) : error;
  }
}

/** The address a bind failed for is not this machine's (or not a name it resolves): not a port in use. */
const hostFailures = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** Why the API cannot listen on host:port, as a failure naming the setting to change; else `failure` as it is. */
export function httpBindRefusal(failure: NodeJS.ErrnoException, host: string, port: number): Error {
  if (failure.code === 'EADDRINUSE') return new PortTaken('HTTP_PORT_TAKEN', host, port, 'PORT');
  if (failure.code !== undefined && hostFailures.has(failure.code)) return new HostUnavailable(host, failure);
  return failure;
}

export class HostUnavailable extends Error {
  override readonly name = 'HostUnavailable';
  readonly code = 'HTTP_HOST_UNAVAILABLE';

  constructor(host: string, failure: NodeJS.ErrnoException) {
    super(
      `The API cannot listen on HOST=${host} (${failure.code ?? failure.message}): neither an address of this ` +
        'machine nor a name it resolves to one. Set HOST to one of its addresses, or 0.0.0.0 for all of them.',
    );
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
