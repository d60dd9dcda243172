import { parseArgs } from 'node:util';
import { verifyBundle } from '../../../infra/audit/bundle-verify';
import { chainedLog } from '../../../infra/audit/bundle-export';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { loadTrustedKeys } from '../../../infra/audit/keys';
import { verifyLog } from '../../../infra/audit/verify';
import { auditConfig, output, withStore } from '../audit-context';
import { progressBar } from '../progress-bar';
import { verificationLines } from '../report-text';

/** `verify [--bundle <dir>] [--keys <dir>] [--json]`: 0 when everything checks out, 1 otherwise. */
export async function verifyCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      bundle: { type: 'string' },
      keys: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const out = output(values.json);
  const config = auditConfig();
  const trustedKeys = loadTrustedKeys(values.keys ?? config.publicKeysDir);
  const bar = progressBar('verify');
  const started = Date.now();
  try {
    if (values.bundle !== undefined) {
      // Offline: no configuration of a store is read and nothing is opened but the bundle's files.
      const report = await verifyBundle({
        directory: values.bundle,
        trustedKeys,
        onProgress: (entries) => bar.update({ entries, position: 0n, lastPosition: undefined }),
      });
      bar.done();
      out.result(report, () => [
        `Bundle ${report.bundle.directory}: ${report.bundle.scope.kind === 'town' ? `town ${report.bundle.scope.townId}` : 'the whole programme'}, made ${report.bundle.createdAt}, signed by ${report.bundle.signedBy}`,
        ...(report.bundle.keysFromBundle
          ? [
              'WARNING: no trusted keys configured (AUDIT_PUBLIC_KEYS_DIR or --keys): checked with the keys inside the bundle,',
              '         which shows the bundle is consistent but not who made it. Compare the key ids with the published ones.',
            ]
          : []),
        ...verificationLines(report, (Date.now() - started) / 1000),
      ]);
      return report.ok ? 0 : 1;
    }
    const checkpoints = await new JsonLinesCheckpointSink(config.checkpointDir).readAll();
    const report = await withStore((store) =>
      verifyLog({
        log: chainedLog(store),
        checkpoints,
        trustedKeys,
        onProgress: (progress) => bar.update(progress),
      }),
    );
    bar.done();
    out.result(report, () => verificationLines(report, (Date.now() - started) / 1000));
    return report.ok ? 0 : 1;
  } finally {
    bar.done();
  }
}
