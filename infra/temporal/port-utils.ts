import { readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

/**
 * A TCP port on loopback that nothing listens on now. It is picked below the kernel's ephemeral range
 * (`ip_local_port_range`), because the port the OS hands out for `listen(0)` comes from that range, and
 * so does the local port of every outgoing connection: between our check and the server's bind, a
 * client socket elsewhere on the machine could take it. Falls back to the OS's pick when no candidate in
 * the range below is free.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [low, high] = portsBelowEphemeralRange();
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = low + Math.floor(Math.random() * (high - low));
    if (!handedOut.has(candidate) && (await canBind(host, candidate))) return handOut(candidate);
  }
  return handOut(await osPickedPort(host));
}

/**
 * Ports already returned by this process, or reserved by it. A caller often asks for several ports before
 * binding any (an API, its Temporal server, that server's UI, a metrics endpoint): each is still free
 * when the next is picked, so without this the same port could be handed out twice and the second bind
 * would fail.
 */
const handedOut = new Set<number>();

/**
 * Ports this process is configured to bind later (its API's, say, after the Temporal dev server it starts
 * first has picked its own): freePort never returns them.
 */
export function reservePorts(...ports: readonly number[]): void {
  for (const port of ports) handedOut.add(port);
}

function handOut(port: number): number {
  handedOut.add(port);
  return port;
}

/** [low, high): the band of ports picked from, just below where the kernel's ephemeral ports start. */
function portsBelowEphemeralRange(): [number, number] {
  let ephemeralStart = 32_768;
  try {
    const first = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    if (Number.isInteger(first) && first > 12_000) ephemeralStart = first;
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152, and the default band stays below it.
  }
  return [ephemeralStart - 12_000, ephemeralStart];
}

/** Whether a listener could take `port` on `host` now, as the real one would bind it. */
export async function canBind(host: string, port: number): Promise<boolean> {
  return (await bindFailure(host, port)) === undefined;
}

/**
 * Why a listener could not take `port` on `host` now (EADDRINUSE: another listens there; EADDRNOTAVAIL,
 * ENOTFOUND…: the host is not this machine's), or undefined when it could.
 */
export function bindFailure(host: string, port: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolveBind) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolveBind(error));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolveBind(undefined)));
  });
}

function osPickedPort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export async function isListening(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = createConnection({ host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Something already listens where a server of ours would: a failure a person can act on, so it has a code. */
export class PortTaken extends Error {
  override readonly name = 'PortTaken';

  constructor(
    readonly code: 'HTTP_PORT_TAKEN' | 'TEMPORAL_PORT_TAKEN' | 'TEMPORAL_UI_PORT_TAKEN',
    host: string,
    port: number,
    setting: string,
  ) {
    super(`Port ${port} on ${host} is taken by another process: stop it, or set ${setting} to another port.`);
  }
}
