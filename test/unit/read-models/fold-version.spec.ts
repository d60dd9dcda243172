import { createHash } from 'node:crypto';
import { ProgrammeReadModels } from '../../../apps/api/read-models/read-models';
import { FOLD_VERSION } from '../../../apps/api/read-models/snapshot-encoding';
import { firstEditionEvents } from '../../helpers/first-edition-log';

/**
 * Snapshots are loaded only by the fold version that took them, so a changed fold must come with a new
 * FOLD_VERSION, or an API would resume from state its new code would not have made. This pins the fold
 * of a fixed log (the whole first-edition programme) to the version: any change in what the read models
 * make of it — their own code or a domain `evolve` they call — fails here until the version is bumped.
 */
const pinned = {
  foldVersion: 3,
  fingerprint: '035257e85b7e8de3d105ae2d6c82ec05517a20cc235afe4f74659e8033f33e4d',
};

function fingerprintOfTheFold(): string {
  const models = new ProgrammeReadModels();
  for (const event of firstEditionEvents()) models.apply(event);
  const json = JSON.stringify(models.content(), (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
  return createHash('sha256').update(json).digest('hex');
}

describe('the fold version', () => {
  it('changes with the fold: if this fails, bump FOLD_VERSION (apps/api/read-models/snapshot-encoding.ts) and pin the new fingerprint here', () => {
    expect({ foldVersion: FOLD_VERSION, fingerprint: fingerprintOfTheFold() }).toEqual(pinned);
  });
});
