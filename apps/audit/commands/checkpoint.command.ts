import { checkpointsNamed } from '../../../infra/audit/checkpoint';
import { makeCheckpoint } from '../../../audit/checkpoints/checkpointer';
import { loadSigningKey, loadTrustedKeys } from '../../../infra/audit/keys';
import { chainedLog } from '../../../audit/export/bundle-export';
import { openCheckpointSinks } from '../../checkpointer/checkpoint-sinks';
import { auditConfig, formatCount, output, withStore } from '../audit-context';
import { logReadingBar } from '../../progress-bar';
import { parseCommandLine } from '../../cli-usage';

/** `checkpoint`: seals everything appended since the last checkpoint, now, into every configured sink. */
export async function checkpointCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const config = auditConfig();
  const key = loadSigningKey(config.signingKeyFile);
  const sinks = await openCheckpointSinks(config);
  const bar = logReadingBar('checkpoint');
  const outcome = await withStore((store) =>
    makeCheckpoint({
      log: chainedLog(store),
      sink: sinks.sink,
      key,
      trustedKeys: loadTrustedKeys(config.publicKeysDir),
      now: () => new Date(),
      onProgress: (progress) => bar.update(progress),
    }),
  ).finally(async () => {
    bar.done();
    await sinks.close();
  });
  const kept = sinks.sinks.map((sink) => sink.description);
  // The answer names the last checkpoint made and how many; all of them are in the records.
  const answer = outcome.made
    ? { made: true, checkpoint: outcome.checkpoint, checkpointsMade: outcome.checkpoints.length }
    : outcome;
  output(values.json).result({ sinks: kept, ...answer }, () =>
    outcome.made
      ? [
          `${checkpointsNamed(outcome.checkpoints)}: ${formatCount(outcome.checkpoint.count)} events up to position ${outcome.checkpoint.upToPosition}`,
          `  log digest ${outcome.checkpoint.logDigest}`,
          `  signed by ${outcome.checkpoint.keyId}, kept in ${kept.join(' and ')}`,
        ]
      : [
          outcome.latest === undefined
            ? 'The log is empty: nothing to seal.'
            : `Nothing new since checkpoint ${outcome.latest.sequence} (up to position ${outcome.latest.upToPosition}).`,
        ],
  );
  return 0;
}
