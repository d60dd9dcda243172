import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStartupFailure } from '../../../apps/startup-failure';
import { startDevServer } from '../../../infra/temporal/dev-server';
import { freePort } from '../../../infra/temporal/port-utils';

/**
 * The launcher of `npm start`'s dev server, run on a stand-in for the Temporal CLI that says one line and
 * exits: what a server that cannot start looks like to the launcher, without a real one.
 */
describe('the dev server launcher, when the server cannot start', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-dev-server-'));
  const fakeCli = join(place, 'temporal');
  const cliPathBefore = process.env.TEMPORAL_CLI_PATH;
  beforeAll(() => {
    writeFileSync(fakeCli, '#!/bin/sh\necho "fake server: cannot start"\nexit 3\n');
    chmodSync(fakeCli, 0o755);
    process.env.TEMPORAL_CLI_PATH = fakeCli;
  });
  afterAll(() => {
    if (cliPathBefore === undefined) delete process.env.TEMPORAL_CLI_PATH;
    else process.env.TEMPORAL_CLI_PATH = cliPathBefore;
    rmSync(place, { recursive: true, force: true });
  });

  async function options(dataDir: string, uiPort?: number) {
    return {
      dataDir,
      namespace: 'towns',
      port: await freePort(),
      uiPort: uiPort ?? (await freePort()),
      headless: false,
      readyTimeoutMs: 30_000,
    };
  }

  it('fails with a code, quoting only this start’s lines of the log it appends to', async () => {
    const dataDir = join(place, 'exits');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'temporal-dev-server.log'), 'stale line of an earlier start\n');
    const failure = await startDevServer(await options(dataDir)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'TEMPORAL_DEV_SERVER_NOT_READY' });
    const printed = describeStartupFailure(failure);
    expect(printed).toMatch(
      /^\[TEMPORAL_DEV_SERVER_NOT_READY\] The Temporal dev server did not become ready/,
    );
    expect(printed).not.toContain('stale line');
    // It is started three times (a port clash is worth another try): the last start's line only.
    expect(printed.match(/fake server: cannot start/g)).toHaveLength(1);
  });

  it('refuses a Web UI port another process listens on before starting the server, naming the setting', async () => {
    const squatter = await new Promise<Server>((resolveListen) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolveListen(server));
    });
    try {
      const address = squatter.address();
      const uiPort = typeof address === 'object' && address ? address.port : 0;
      const dataDir = join(place, 'ui-port-taken');
      const failure = await startDevServer(await options(dataDir, uiPort)).catch((error: unknown) => error);
      expect(describeStartupFailure(failure)).toBe(
        `[TEMPORAL_UI_PORT_TAKEN] Port ${uiPort} on 127.0.0.1 is taken by another process: stop it, ` +
          'or set TEMPORAL_UI_PORT to another port.',
      );
      expect(existsSync(join(dataDir, 'temporal-dev-server.log'))).toBe(false);
    } finally {
      squatter.close();
    }
  });
});
