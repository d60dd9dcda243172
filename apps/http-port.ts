import { canBind } from '../infra/temporal/port-utils';

/** Something already listens where the API would: a failure a person can act on, so it has a code. */
export class HttpPortTaken extends Error {
  override readonly name = 'HttpPortTaken';
  readonly code = 'HTTP_PORT_TAKEN';

  constructor(host: string, port: number) {
    super(`Port ${port} on ${host} is taken by another process: stop it, or set PORT to another port.`);
  }
}

/**
 * Checked before anything is started: the API binds its port last, after the dev server and the worker,
 * tens of seconds in, and would only then find it taken.
 */
export async function requireHttpPortFree(host: string, port: number): Promise<void> {
  if (!(await canBind(host, port))) throw new HttpPortTaken(host, port);
}
