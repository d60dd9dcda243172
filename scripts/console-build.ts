/**
 * Builds the web console (apps/console → apps/console/dist) when the build is missing or older than any
 * of its sources, so `npm install` and the first `npm start` leave a console to serve with no extra
 * command. `--force` builds regardless. SKIP_CONSOLE_BUILD=1 skips it (e.g. an image that ships dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
export const consoleDir = join(root, 'apps', 'console');
const builtIndex = join(consoleDir, 'dist', 'index.html');
/** What the build reads besides src/: a change to any of them makes the build stale. */
const buildInputs = ['index.html', 'vite.config.ts', 'tsconfig.json', 'public', 'src'];

export type ConsoleBuildOutcome = 'fresh' | 'built' | 'skipped';

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

export function consoleBuildIsFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const sources = Math.max(...buildInputs.map((input) => newestChange(join(consoleDir, input))));
  return statSync(builtIndex).mtimeMs >= sources;
}

export function ensureConsoleBuilt(
  options: { force?: boolean; log?: (line: string) => void } = {},
): ConsoleBuildOutcome {
  const log = options.log ?? ((line: string) => console.log(line));
  if (process.env.SKIP_CONSOLE_BUILD === '1') return 'skipped';
  if (!options.force && consoleBuildIsFresh()) return 'fresh';
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) {
    log('[console] vite is not installed (npm install without dev dependencies?): the console is not built');
    return 'skipped';
  }
  log('[console] building the web console…');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(consoleDir, 'vite.config.ts')],
    {
      cwd: root,
      // A production build whatever the caller runs under (Jest sets NODE_ENV=test).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`The console build failed (exit ${String(result.status)})`);
  return 'built';
}

if (require.main === module) {
  try {
    const outcome = ensureConsoleBuilt({ force: process.argv.includes('--force') });
    if (outcome === 'fresh') console.log('[console] the build is up to date');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
