import { rmSync } from 'node:fs';
import type { RunningDevServer } from '../../infra/temporal/dev-server';
import { testEnvKeys } from '../helpers/test-env';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __townsDevServer__?: RunningDevServer };
  await holder.__townsDevServer__?.stop();
  delete holder.__townsDevServer__;
  const dir = process.env[testEnvKeys.tmpDir];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
