import { canBind, PortTaken } from '../infra/temporal/port-utils';

/**
 * Checked before anything is started: the API binds its port last, after the dev server and the worker,
 * tens of seconds in, and would only then find it taken.
 */
export async function requireHttpPortFree(host: string, port: number): Promise<void> {
  if (!(await canBind(host, port))) throw new PortTaken('HTTP_PORT_TAKEN', host, port, 'PORT');
}
