import { parseArgs } from 'node:util';
import { makeCheckpoint } from '../../../infra/audit/checkpointer';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { loadSigningKey, loadTrustedKeys } from '../../../infra/audit/keys';
import { chainedLog } from '../../../infra/audit/bundle-export';
import { auditConfig, formatCount, output, withStore } from '../audit-context';
import { progressBar } from '../progress-bar';

/** `checkpoint`: seals everything appended since the last checkpoint, now. */
export async function checkpointCommand(args: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const config = auditConfig();
  const key = loadSigningKey(config.signingKeyFile);
  const sink = new JsonLinesCheckpointSink(config.checkpointDir);
  const bar = progressBar('checkpoint');
  const outcome = await withStore((store) =>
    makeCheckpoint({
      log: chainedLog(store),
      sink,
      key,
      trustedKeys: loadTrustedKeys(config.publicKeysDir),
      now: () => new Date(),
      onProgress: (progress) => bar.update(progress),
    }),
  ).finally(() => bar.done());
  output(values.json).result({ file: sink.file, ...outcome }, () =>
    outcome.made
      ? [
          `Checkpoint ${outcome.checkpoint.sequence}: ${formatCount(outcome.checkpoint.count)} events up to position ${outcome.checkpoint.upToPosition}`,
          `  log digest ${outcome.checkpoint.logDigest}`,
          `  signed by ${outcome.checkpoint.keyId}, appended to ${sink.file}`,
        ]
      : [
          outcome.latest === undefined
            ? 'The log is empty: nothing to seal.'
            : `Nothing new since checkpoint ${outcome.latest.sequence} (up to position ${outcome.latest.upToPosition}).`,
        ],
  );
  return 0;
}
