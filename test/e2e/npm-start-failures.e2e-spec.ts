import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning, npmStartPlace, spawnNpmStart } from '../helpers/npm-start-process';
import { isListening } from '../../infra/temporal/port-utils';

function listen(host: string, port: number): Promise<Server> {
  return new Promise((resolveListen, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolveListen(server));
  });
}

/**
 * `npm start` failing part-way: whatever it had started when it failed is stopped before it exits, the
 * Temporal dev server above all, which would otherwise hold its ports and make the next start fail.
 */
describe('npm start failing after its dev server started', () => {
  const root = mkdtempSync(join(tmpdir(), 'towns-npm-start-failures-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stops the dev server when the API finds its port taken once everything else runs', async () => {
    const place = await npmStartPlace(join(root, 'data'));
    const system = spawnNpmStart(place);
    const [, devServerPid] = await system.waitForOutput(/Temporal dev server running at \S+ \(pid (\d+)\)/);
    // Free when it was checked, before anything started; taken now, before the API binds it, last.
    const squatter = await listen('127.0.0.1', place.port);
    try {
      expect(await system.exited).toBe(1);
    } finally {
      squatter.close();
    }
    expect(system.output()).toMatch(
      new RegExp(`^\\[HTTP_PORT_TAKEN\\] Port ${place.port} on 127\\.0\\.0\\.1 is taken`, 'm'),
    );
    expect(system.output()).not.toMatch(/\n\s+at /);
    expect(isRunning(Number(devServerPid))).toBe(false);
    expect(await isListening('127.0.0.1', place.temporalPort)).toBe(false);
    expect(await isListening('127.0.0.1', place.temporalUiPort)).toBe(false);
  }, 600_000);
});
