import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { freePort } from '../../../infra/temporal/port-utils';

/**
 * Tests ask for an API port, a Temporal port, its UI port and a metrics port before anything binds:
 * each must differ from the others, and none may come from the range the kernel hands to client sockets.
 */
const ephemeralStart = () =>
  Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

describe('freePort', () => {
  it('never hands out the same port twice in one process, though none of them is bound yet', async () => {
    const ports: number[] = [];
    // Drawn at random from 12,000 ports, a thousand picks would repeat one almost surely.
    for (let pick = 0; pick < 1_000; pick++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('picks below the ephemeral range, and the port can then be bound', async () => {
    const port = await freePort();
    expect(port).toBeLessThan(ephemeralStart());
    const server = createServer();
    await new Promise<void>((bound, failed) => {
      server.once('error', failed);
      server.listen({ port, host: '127.0.0.1', exclusive: true }, bound);
    });
    await new Promise((closed) => server.close(closed));
  });

  it('never hands out a port the process reserved for later', async () => {
    // A module of its own: the reservation below would otherwise hold for the other tests.
    let ports!: typeof import('../../../infra/temporal/port-utils');
    jest.isolateModules(() => {
      ports = jest.requireActual('../../../infra/temporal/port-utils');
    });
    const band = Array.from({ length: 12_000 }, (_, i) => ephemeralStart() - 12_000 + i);
    ports.reservePorts(...band);
    // Every port of the band it picks from is reserved: it can only fall back to the kernel's pick.
    expect(await ports.freePort()).toBeGreaterThanOrEqual(ephemeralStart());
  });
});
