/** Verification reports as text for people: what was checked, then the first finding in both languages. */
import { findingCatalogue, type Finding } from '../../domain/audit/findings';
import type { VerificationReport } from '../../audit/verify/verify';
import { formatCount } from './audit-context';

export function verificationLines(report: VerificationReport, seconds: number): string[] {
  const lines = [
    `Checked ${formatCount(report.eventsChecked)} events in ${formatCount(report.streams)} streams` +
      (report.redactedChecked > 0 ? ` and ${formatCount(report.redactedChecked)} redacted entries` : '') +
      `, up to position ${report.lastPosition}, in ${seconds.toFixed(1)} s`,
    `Log digest: ${report.logDigest}`,
    report.lastVerifiedCheckpoint === null
      ? `Checkpoints: ${report.checkpointsVerified} of ${report.checkpointsChecked} verified; none seals this log yet`
      : `Checkpoints: ${report.checkpointsVerified} of ${report.checkpointsChecked} verified; ` +
        `checkpoint ${report.lastVerifiedCheckpoint.sequence} seals up to position ${report.lastVerifiedCheckpoint.upToPosition}`,
  ];
  if (report.entriesAfterLastCheckpoint > 0) {
    lines.push(
      `${formatCount(report.entriesAfterLastCheckpoint)} entries after the last verified checkpoint are not sealed yet`,
    );
  }
  if (report.checkpointsWithoutSchema > 0) {
    lines.push(
      `${formatCount(report.checkpointsWithoutSchema)} checkpoint(s) made before checkpoints named the store's schema: their schema is not checked`,
    );
  }
  if (report.ok) {
    lines.push('OK: the log is what was recorded.');
    return lines;
  }
  lines.push(
    '',
    `FAILED: ${formatCount(report.findingCount)} finding(s). The first:`,
    ...findingLines(report.findings[0]!),
  );
  if (report.findings.length > 1) {
    lines.push('', 'Then:');
    for (const finding of report.findings.slice(1, 10)) lines.push(`  ${headline(finding)}`);
    if (report.findingCount > 10)
      lines.push(`  … and ${formatCount(report.findingCount - 10)} more (--json lists up to 100)`);
  }
  return lines;
}

export function findingLines(finding: Finding): string[] {
  const text = findingCatalogue[finding.code];
  return [
    `  ${headline(finding)}`,
    `  ${text.zh}`,
    `  ${text.en}`,
    `  ${finding.message}`,
    ...(finding.expected === undefined ? [] : [`  expected: ${finding.expected}`]),
    ...(finding.actual === undefined ? [] : [`  found:    ${finding.actual}`]),
  ];
}

function headline(finding: Finding): string {
  const where = [
    finding.position === null ? undefined : `position ${finding.position}`,
    finding.stream === undefined
      ? undefined
      : `${finding.stream}${finding.streamVersion === undefined ? '' : ` version ${finding.streamVersion}`}`,
    finding.checkpoint === undefined ? undefined : `checkpoint ${finding.checkpoint}`,
    finding.eventId === undefined ? undefined : `event ${finding.eventId}`,
  ].filter((part) => part !== undefined);
  return `${finding.code}${where.length > 0 ? ` at ${where.join(', ')}` : ''}`;
}
