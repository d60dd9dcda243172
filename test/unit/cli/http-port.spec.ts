import { createServer, type Server } from 'node:net';
import { checkHttpHost, requireHttpPortFree } from '../../../apps/http-port';
import { describeStartupFailure } from '../../../apps/startup-failure';

function listening(host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolveListen) => {
    const server = createServer();
    server.listen(0, host, () => {
      const address = server.address();
      resolveListen({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

describe('npm start’s HTTP port, checked before anything starts', () => {
  it('is refused when another process listens on it, even on loopback only, with a code and what to do', async () => {
    const { server, port } = await listening('127.0.0.1');
    try {
      const refusal = requireHttpPortFree('0.0.0.0', port);
      await expect(refusal).rejects.toMatchObject({ code: 'HTTP_PORT_TAKEN' });
      const error = await refusal.catch((caught: unknown) => caught);
      expect(describeStartupFailure(error)).toBe(
        `[HTTP_PORT_TAKEN] Port ${port} on 0.0.0.0 is taken by another process: stop it, or set PORT to another port.`,
      );
    } finally {
      server.close();
    }
  });

  it('is let through when free, and left free for the API to bind', async () => {
    const { server, port } = await listening('127.0.0.1');
    await new Promise((resolveClose) => server.close(resolveClose));
    await expect(requireHttpPortFree('0.0.0.0', port)).resolves.toBeUndefined();
    const again = await new Promise<Server>((resolveListen) => {
      const api = createServer();
      api.listen(port, '0.0.0.0', () => resolveListen(api));
    });
    again.close();
  });

  it('tells an address that is not this machine’s from a port in use, naming HOST', async () => {
    // TEST-NET-1 (RFC 5737): an address no machine of ours has.
    const refusal = await requireHttpPortFree('192.0.2.1', 3000).catch((caught: unknown) => caught);
    expect(refusal).toMatchObject({ code: 'HTTP_HOST_UNAVAILABLE' });
    expect(describeStartupFailure(refusal)).toMatch(
      /^\[HTTP_HOST_UNAVAILABLE\] The API cannot listen on HOST=192\.0\.2\.1 \(EADDRNOTAVAIL\): /,
    );
  });
});

describe('HOST as a setting', () => {
  it.each([['127.0.0.1'], ['0.0.0.0'], ['::'], ['localhost']])('takes %s', async (host) => {
    await expect(checkHttpHost(host)).resolves.toBeUndefined();
  });

  it.each([['not..a..host'], ['no-such-host.invalid']])(
    'refuses %s, a name nothing resolves, naming HOST',
    async (host) => {
      const refusal = await checkHttpHost(host).catch((caught: unknown) => caught);
      expect(refusal).toMatchObject({ code: 'SETTING_INVALID' });
      expect((refusal as Error).message).toMatch(
        new RegExp(`^HOST="${host.replace(/\./g, '\\.')}": neither an IP address nor a name`),
      );
    },
  );
});
