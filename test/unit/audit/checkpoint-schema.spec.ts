import type { ChainedRecordedEvent } from '../../../infra/event-store/event-store.port';
import { SCHEMA_UPGRADE_STREAM, SCHEMA_UPGRADED } from '../../../infra/event-store/sql/schema-migrations';
import { parseCheckpoint } from '../../../infra/audit/checkpoint';
import { schemaVersionAt } from '../../../audit/verify/checkpoint-schema';
import type { TrustedKeys } from '../../../infra/audit/keys';
import { type LogSource, verifyLog } from '../../../audit/verify/verify';
import {
  buildLog,
  checkpointsOf,
  type EventSpec,
  prefixedFormatCheckpointsOf,
  testSigningKey,
} from './chained-log';
import { townDecider } from '../../../domain/town';

const key = testSigningKey();
const trusted: TrustedKeys = new Map([[key.keyId, key.publicKey]]);

/** Ten town events, an upgrade from v2 to v3 at position 11, ten more: a store opened by newer code once. */
const specs: EventSpec[] = [
  ...Array.from({ length: 10 }, (_, i) => ({ stream: townDecider.streamOf(String(i % 3)) })),
  {
    stream: SCHEMA_UPGRADE_STREAM,
    type: SCHEMA_UPGRADED,
    data: { fromVersion: 2, toVersion: 3, migrations: [{ version: 3, name: 'v3' }] },
  },
  ...Array.from({ length: 10 }, (_, i) => ({ stream: townDecider.streamOf(String(i % 3)) })),
];
const log = buildLog(specs);
/** What the store's upgrades say: v2 before position 11, v3 from it on. */
const truthfully = (position: number) => (position < 11 ? 2 : 3);

/** A live store's log as verify reads it: pages, one stream, and the store's schema now. */
function liveStore(events: readonly ChainedRecordedEvent[], currentVersion = 3): LogSource {
  return {
    gapFreePositions: true,
    lastPosition: () => Promise.resolve(events.at(-1)?.globalPosition ?? 0n),
    readAll: ({ after = 0n, maxCount = 1000 } = {}) =>
      Promise.resolve(events.filter((event) => event.globalPosition > after).slice(0, maxCount)),
    readStream: (stream) => Promise.resolve(events.filter((event) => event.stream === stream)),
    schemaVersion: () => Promise.resolve(currentVersion),
  };
}

describe('checkpoints name the store schema', () => {
  it('verifies checkpoints that name the schema the store had where each ends, before and after an upgrade', async () => {
    const checkpoints = checkpointsOf(log, [5, 10, 11, 21], key, truthfully);
    expect(checkpoints.map((checkpoint) => checkpoint.schemaVersion)).toEqual([2, 2, 3, 3]);

    const report = await verifyLog({ log: liveStore(log), checkpoints, trustedKeys: trusted });

    expect(report).toMatchObject({
      ok: true,
      findingCount: 0,
      checkpointsVerified: 4,
      checkpointsWithoutSchema: 0,
    });
  });

  it('reports a checkpoint that names a schema the upgrades say the store did not have there', async () => {
    // Signed by the real key: the checkpointer itself was wrong (or ran against another store).
    const checkpoints = checkpointsOf(log, [5, 10, 21], key, (position) =>
      position === 10 ? 3 : truthfully(position),
    );

    const report = await verifyLog({ log: liveStore(log), checkpoints, trustedKeys: trusted });

    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'CHECKPOINT_SCHEMA_MISMATCH',
        checkpoint: 2,
        position: '10',
        expected: '2',
        actual: '3',
      }),
    ]);
  });

  it('holds checkpoints after the last upgrade against the store schema now', async () => {
    const noUpgrades = buildLog(specs.filter((spec) => spec.stream !== SCHEMA_UPGRADE_STREAM));
    const checkpoints = checkpointsOf(noUpgrades, [20], key, () => 3);

    const atThree = await verifyLog({ log: liveStore(noUpgrades, 3), checkpoints, trustedKeys: trusted });
    const atFour = await verifyLog({ log: liveStore(noUpgrades, 4), checkpoints, trustedKeys: trusted });

    expect(atThree.ok).toBe(true);
    expect(atFour.findings.map((finding) => [finding.code, finding.expected])).toEqual([
      ['CHECKPOINT_SCHEMA_MISMATCH', '4'],
    ]);
  });

  it('still verifies format-2 checkpoints, which name no schema, and says how many they are', async () => {
    const older = prefixedFormatCheckpointsOf(log, [10, 21], key);

    const report = await verifyLog({ log: liveStore(log), checkpoints: older, trustedKeys: trusted });

    expect(older.map((checkpoint) => checkpoint.format)).toEqual([
      'towns-checkpoint/2',
      'towns-checkpoint/2',
    ]);
    expect(report).toMatchObject({ ok: true, checkpointsVerified: 2, checkpointsWithoutSchema: 2 });
  });

  it('requires the schema version in a format-3 checkpoint and refuses it in earlier ones', () => {
    const [made] = checkpointsOf(log, [5], key, truthfully);
    const { schemaVersion: _schema, ...withoutSchema } = made!;
    const [older] = prefixedFormatCheckpointsOf(log, [5], key);

    expect(() => parseCheckpoint(withoutSchema, 'line 1')).toThrow(/schemaVersion/);
    expect(() => parseCheckpoint({ ...older, schemaVersion: 3 }, 'line 1')).toThrow(/schemaVersion/);
    expect(parseCheckpoint(made, 'line 1').schemaVersion).toBe(2);
  });

  it('finds the schema at a position from the upgrades the log records', () => {
    const history = {
      currentVersion: 5,
      upgrades: [
        { position: 4n, fromVersion: 1, toVersion: 3 },
        { position: 9n, fromVersion: 3, toVersion: 5 },
      ],
    };
    expect([1n, 3n, 4n, 8n, 9n, 100n].map((position) => schemaVersionAt(history, position))).toEqual([
      1, 1, 3, 3, 5, 5,
    ]);
  });
});
