import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentWithoutDatabase, runTool } from '../helpers/tool-process';

/**
 * `npm start`, `start:api`, `start:worker` and `checkpointer` take their settings from the environment.
 * An option on their command line is refused as the CLIs refuse one (exit 2, a stable code, the usage)
 * before anything starts: no dev server, no data directory written.
 */
describe('the long-running processes refuse options', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-process-arguments-'));
  afterAll(() => rmSync(place, { recursive: true, force: true }));
  const environment = { ...environmentWithoutDatabase(), DATA_DIR: join(place, 'data') };

  it.each([
    ['apps/start.ts', ['--port', '8080'], 'OPTION_UNKNOWN', 'Usage: npm start'],
    ['apps/api/main.ts', ['8080'], 'ARGUMENT_UNEXPECTED', 'Usage: npm run start:api'],
    ['apps/worker/main.ts', ['--cache=2000'], 'OPTION_UNKNOWN', 'Usage: npm run start:worker'],
    ['apps/checkpointer/main.ts', ['--every', '1m'], 'OPTION_UNKNOWN', 'Usage: npm run checkpointer'],
  ])('%s %j: exit 2, [%s], its usage, nothing started', async (script, args, code, usage) => {
    const run = await runTool(script, args, environment);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`[${code}] `)).toBe(true);
    expect(run.stderr).toContain(usage);
    expect(run.stdout).toBe('');
    expect(readdirSync(place)).toEqual([]);
  });

  it('npm start -- --help prints its usage and exits 0', async () => {
    const run = await runTool('apps/start.ts', ['--help'], environment);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm start\n/);
    expect(run.stdout).toContain('PORT=8080 npm start');
  });
});
