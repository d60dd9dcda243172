/**
 * Training's data directory (data/training unless DATA_DIR says) is marked by a `TRAINING` file: training
 * starts take no other directory, because each deletes the programme record in it and chooses anew, and
 * the tools that would keep a programme in a directory (`npm run programme`) take no training one.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const trainingMarker = 'TRAINING';

export function isTrainingDirectory(dir: string): boolean {
  return existsSync(join(dir, trainingMarker));
}

/** Marks the data directory as training's, once the settings are taken. */
export function claimTrainingDirectory(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, trainingMarker),
    'This directory belongs to npm run start:training; each start begins anew.\n',
  );
}
