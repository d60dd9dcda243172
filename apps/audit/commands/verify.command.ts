import { verifyBundle } from '../../../audit/verify/bundle-verify';
import { chainedLog } from '../../../audit/export/bundle-export';
import { recordDisagreementCatalogue } from '../../../audit/verify/checkpoint-records';
import { loadTrustedKeys } from '../../../infra/audit/keys';
import {
  type CrossCheckedReport,
  readCheckpointRecords,
  verifyLogAgainstRecords,
} from '../../../audit/verify/verify';
import { auditConfig, formatCount, output, withStore } from '../audit-context';
import { logReadingBar } from '../../progress-bar';
import { verificationLines } from '../report-text';
import { parseCommandLine } from '../../cli-usage';

/**
 * `verify [--bundle <dir>] [--keys <dir>] [--json]`: 0 when everything checks out, 1 otherwise. A live
 * log is verified against the checkpoints of every configured sink, and the sinks against each other.
 */
export async function verifyCommand(args: readonly string[]): Promise<number> {
  const { values } = parseCommandLine({
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
  const bar = logReadingBar('verify');
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
        ...verificationLines(report, (Date.now() - started) / 1000),
      ]);
      return report.ok ? 0 : 1;
    }
    // Loaded here: the ledger's client and the workflows' names are not needed to verify a bundle.
    const { openCheckpointSinks } = await import('../../checkpointer/checkpoint-sinks');
    const sinks = await openCheckpointSinks(config);
    const records = await readCheckpointRecords(sinks.sinks).finally(() => sinks.close());
    const report = await withStore((store) =>
      verifyLogAgainstRecords({
        log: chainedLog(store),
        records,
        trustedKeys,
        onProgress: (progress) => bar.update(progress),
      }),
    );
    bar.done();
    out.result(report, () => crossCheckedLines(report, (Date.now() - started) / 1000));
    return report.ok ? 0 : 1;
  } finally {
    bar.done();
  }
}

function crossCheckedLines(report: CrossCheckedReport, seconds: number): string[] {
  // The log's own verdict first, then the records': the log may verify while its records disagree.
  const lines = verificationLines({ ...report, ok: report.findings.length === 0 }, seconds);
  if (report.records.length > 1) {
    lines.push(
      `Checkpoint records: ${report.records.map((record) => `${record.description} (${formatCount(record.checkpoints)})`).join(', ')}`,
    );
  }
  if (report.disagreements.length === 0) return lines;
  lines.push('', `FAILED: the checkpoint records disagree (${formatCount(report.disagreements.length)}):`);
  for (const disagreement of report.disagreements.slice(0, 10)) {
    const text = recordDisagreementCatalogue[disagreement.code];
    lines.push(
      disagreement.checkpoint === null
        ? `  ${disagreement.code} in ${disagreement.record}`
        : `  ${disagreement.code} at checkpoint ${disagreement.checkpoint} (up to position ${disagreement.position})`,
      `  ${text.zh}`,
      `  ${text.en}`,
      `  ${disagreement.message}`,
      ...(disagreement.expected === undefined ? [] : [`  expected: ${disagreement.expected}`]),
      ...(disagreement.actual === undefined ? [] : [`  found:    ${disagreement.actual}`]),
    );
  }
  if (report.disagreements.length > 10) {
    lines.push(`  … and ${formatCount(report.disagreements.length - 10)} more (--json lists them all)`);
  }
  return lines;
}
