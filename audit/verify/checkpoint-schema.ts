/**
 * Each checkpoint of format 3 names the schema of the store it sealed. The store's own history of
 * upgrades is in its log — every upgrade appends an `EventStoreSchemaUpgraded` event saying from which
 * schema to which, sealed by the checkpoints like any event — so the schema a checkpoint must name follows
 * from where it ends: the schema the last upgrade at or before that position went to, or, before the
 * first upgrade, the one it came from (docs/decisions/0076-checkpoints-name-the-schema.md).
 */
import type { Checkpoint } from '../../infra/audit/checkpoint';
import type { Finding } from '../../domain/audit/findings';

/** One upgrade as the log records it. */
export interface SchemaUpgradeMark {
  readonly position: bigint;
  readonly fromVersion: number;
  readonly toVersion: number;
}

/** The store's schema now, and every upgrade its log records, in log order. */
export interface StoreSchemaHistory {
  readonly currentVersion: number;
  readonly upgrades: readonly SchemaUpgradeMark[];
}

/** The schema the store had once the log held the events up to `position`. */
export function schemaVersionAt(history: StoreSchemaHistory, position: bigint): number {
  let version: number | undefined;
  for (const upgrade of history.upgrades) {
    if (upgrade.position > position) return version ?? upgrade.fromVersion;
    version = upgrade.toVersion;
  }
  return version ?? history.currentVersion;
}

/** Checkpoints made before checkpoints named the schema (formats 1 and 2), by sequence. */
export function checkpointsNamingNoSchema(checkpoints: readonly Checkpoint[]): number[] {
  return checkpoints.filter((checkpoint) => checkpoint.schemaVersion === undefined).map((c) => c.sequence);
}

/** A finding for every checkpoint that names a schema the store's history says it did not have there. */
export function checkpointSchemaFindings(
  checkpoints: readonly Checkpoint[],
  history: StoreSchemaHistory,
): Finding[] {
  return checkpoints.flatMap((checkpoint): Finding[] => {
    if (checkpoint.schemaVersion === undefined) return [];
    const expected = schemaVersionAt(history, BigInt(checkpoint.upToPosition));
    if (checkpoint.schemaVersion === expected) return [];
    return [
      {
        code: 'CHECKPOINT_SCHEMA_MISMATCH',
        position: checkpoint.upToPosition,
        checkpoint: checkpoint.sequence,
        expected: String(expected),
        actual: String(checkpoint.schemaVersion),
        message:
          `Checkpoint ${checkpoint.sequence} (up to position ${checkpoint.upToPosition}, made ${checkpoint.createdAt}) ` +
          `names schema v${checkpoint.schemaVersion}, but the store's upgrades put it at v${expected} there`,
      },
    ];
  });
}
