import { resolve } from 'node:path';
import { exportBundle } from '../../../audit/export/bundle-export';
import { JsonLinesCheckpointSink } from '../../../infra/audit/jsonl-checkpoint-sink';
import { loadSigningKey, loadTrustedKeys } from '../../../infra/audit/keys';
import { auditConfig, formatCount, output, withStore } from '../audit-context';
import { logReadingBar } from '../../progress-bar';
import { parseCommandLine, UsageError } from '../../cli-usage';

/** `export --town <id> --out <dir>` or `export --programme --out <dir>`: a signed audit bundle. */
export async function exportCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    options: {
      town: { type: 'string' },
      programme: { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.out === undefined) throw new UsageError('OPTION_REQUIRED', 'export needs --out <directory>');
  if (values.town !== undefined && values.programme)
    throw new UsageError('OPTIONS_CONFLICT', 'export takes --town <id> or --programme, not both');
  if (values.town === undefined && !values.programme)
    throw new UsageError('OPTION_REQUIRED', 'export needs --town <id> or --programme');
  const config = auditConfig();
  const key = loadSigningKey(config.signingKeyFile);
  const checkpoints = await new JsonLinesCheckpointSink(config.checkpointDir).readAll();
  const directory = resolve(values.out);
  const townId = values.town;
  const bar = logReadingBar('export');
  const exported = await withStore((store) =>
    exportBundle({
      store,
      scope: townId === undefined ? { kind: 'programme' } : { kind: 'town', townId },
      checkpoints,
      publicKeys: loadTrustedKeys(config.publicKeysDir),
      key,
      directory,
      now: () => new Date(),
      onProgress: (progress) => bar.update(progress),
    }),
  ).finally(() => bar.done());
  const { manifest, verification } = exported;
  output(values.json).result({ directory, manifest, findings: verification.findings }, () => [
    `Wrote ${directory}: ${formatCount(manifest.log.events)} events` +
      (manifest.log.redacted > 0 ? ` and ${formatCount(manifest.log.redacted)} redacted entries` : '') +
      `, ${manifest.log.checkpoints} checkpoints, signed by ${manifest.signedBy}`,
    ...(verification.findings.length === 0
      ? [`Verify it anywhere with: npm run audit -- verify --bundle ${directory}`]
      : [
          `WARNING: the exported log does not verify (${verification.findingCount} finding(s), the first: ${verification.findings[0]?.message ?? ''});`,
          'the bundle records it as it is.',
        ]),
  ]);
  return 0;
}
