import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/**
 * The console's types and validators are generated from the API's own OpenAPI document. If a DTO, a
 * route or a rule changes and nobody ran `npm run console:api-types`, this fails — so the console can
 * never drift from the API it calls. (Run as the script itself: openapi-typescript loads ESM that Jest's
 * module loader cannot.)
 */
describe("the console's generated API files", () => {
  it('are exactly what the current OpenAPI document gives (npm run console:api-types)', () => {
    const check = spawnSync(
      process.execPath,
      [require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/console-api-types.ts', '--check'],
      { cwd: root, encoding: 'utf8' },
    );
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(check.stdout).toContain('up to date');
  });

  it('are an ES module a browser can load: no require()', () => {
    const validators = readFileSync(
      join(root, 'apps', 'console', 'src', 'api', 'generated', 'request-validators.js'),
      'utf8',
    );
    expect(validators.match(/\brequire\(.*/g) ?? []).toEqual([]);
  });
});
