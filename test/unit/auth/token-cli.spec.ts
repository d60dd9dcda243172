import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevKeyPair } from '../../../infra/auth/auth-keys';
import { environmentWithoutDatabase, runTool } from '../../helpers/tool-process';

/** `npm run token` as a process, on a data directory of its own and no key settings of the caller's. */
function runToken(dataDir: string, args: readonly string[]) {
  const {
    AUTH_PUBLIC_KEY_FILE: _public,
    AUTH_PRIVATE_KEY_FILE: _private,
    PROGRAMME_FILE: _programme,
    ...inherited
  } = environmentWithoutDatabase();
  return runTool('apps/token/main.ts', args, { ...inherited, DATA_DIR: dataDir });
}

describe('npm run token and the development key pair', () => {
  const place = mkdtempSync(join(tmpdir(), 'towns-token-cli-'));
  afterAll(() => rmSync(place, { recursive: true, force: true }));

  it('refuses a data directory without the pair npm start makes, and makes none', async () => {
    const dataDir = join(place, 'never-started');
    const run = await runToken(dataDir, ['--role', 'auditor']);
    expect({ exit: run.code, stdout: run.stdout }).toEqual({ exit: 2, stdout: '' });
    expect(run.stderr).toMatch(/^\[AUTH_KEY_MISSING\] No development key pair to sign with: /);
    expect(run.stderr).toContain(join(dataDir, 'auth', 'private.pem'));
    expect(run.stderr).toContain('Run `npm start`');
    expect(existsSync(join(dataDir, 'auth'))).toBe(false);
  });

  it('mints with the pair npm start made', async () => {
    const dataDir = join(place, 'started');
    ensureDevKeyPair(join(dataDir, 'auth'));
    const run = await runToken(dataDir, ['--role', 'auditor']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it('refuses an option given twice with its usage, exit 2, minting nothing', async () => {
    const dataDir = join(place, 'repeated');
    ensureDevKeyPair(join(dataDir, 'auth'));
    const run = await runToken(dataDir, ['--role', 'auditor', '--role', 'administrator']);
    expect({ exit: run.code, stdout: run.stdout }).toEqual({ exit: 2, stdout: '' });
    expect(run.stderr).toMatch(
      /^\[OPTION_REPEATED\] --role is given more than once: give it once\n\nUsage: npm run token/,
    );
  });
});
