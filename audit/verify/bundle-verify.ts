/**
 * Verifies an audit bundle offline: no database, no server, only the files and (ideally) the auditors'
 * own copy of the public keys. The log inside is checked by the same engine that checks a live store.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { AuditError } from '../../domain/audit/audit.errors';
import {
  type BundleManifest,
  CHECKPOINTS_FILE,
  EVENTS_FILE,
  MANIFEST_FILE,
  manifestSchema,
  parseEntryLine,
  SIGNATURE_FILE,
  signatureSchema,
} from '../shared/bundle-format';
import { type Checkpoint, parseCheckpointLines } from '../../infra/audit/checkpoint';
import type { Finding } from '../../domain/audit/findings';
import { type TrustedKeys, verifyText } from '../../infra/audit/keys';
import { DEFAULT_PAGE_SIZE } from '../shared/log-pages';
import { isRedacted, type LogEntry } from '../shared/log-verifier';
import { toReport, type VerificationReport, verifyPages } from './verify';

export interface VerifyBundleOptions {
  readonly directory: string;
  /**
   * The auditors' own trusted keys, and the only ones checked against: the keys a bundle carries prove
   * only that it is consistent with itself, so none given is refused (AUDIT_KEYS_MISSING).
   */
  readonly trustedKeys: TrustedKeys;
  readonly onProgress?: (entries: number) => void;
}

export interface BundleReport extends VerificationReport {
  readonly bundle: {
    readonly directory: string;
    readonly scope: BundleManifest['scope'];
    readonly createdAt: string;
    readonly signedBy: string;
  };
}

export async function verifyBundle(options: VerifyBundleOptions): Promise<BundleReport> {
  const { directory } = options;
  const manifestText = readText(directory, MANIFEST_FILE);
  const manifest = parseWith(manifestSchema, manifestText, MANIFEST_FILE);
  const signature = parseWith(signatureSchema, readText(directory, SIGNATURE_FILE), SIGNATURE_FILE);
  if (options.trustedKeys.size === 0) {
    throw new AuditError(
      'AUDIT_KEYS_MISSING',
      'No trusted public keys (AUDIT_PUBLIC_KEYS_DIR or --keys): a bundle is verified only against keys you trust, never against the keys it carries',
    );
  }
  const keys = options.trustedKeys;
  const bundleFindings: Finding[] = [];

  const signingKey = keys.get(signature.keyId);
  if (signingKey === undefined) {
    bundleFindings.push({
      code: 'UNKNOWN_KEY',
      position: null,
      actual: signature.keyId,
      message: `The bundle is signed with key ${signature.keyId}, which is not trusted`,
    });
  } else if (!verifyText(signingKey, manifestText, signature.signature)) {
    bundleFindings.push({
      code: 'BAD_SIGNATURE',
      position: null,
      message: `${MANIFEST_FILE} does not carry a valid signature of key ${signature.keyId}: it was altered`,
    });
  }
  for (const [path, expected] of Object.entries(manifest.files)) {
    const actual = await fileHash(join(directory, path));
    if (actual !== expected) {
      bundleFindings.push({
        code: 'BUNDLE_MISMATCH',
        position: null,
        expected,
        actual: actual ?? 'missing',
        message:
          actual === undefined
            ? `${path} is missing from the bundle`
            : `${path} is not the file the manifest lists: it was changed after the bundle was signed`,
      });
    }
  }

  const checkpoints = readCheckpoints(directory, bundleFindings);
  const scope = manifest.scope;
  let events = 0;
  let redacted = 0;
  const entryFindings: Finding[] = [];
  const summary = await verifyPages(
    countingEntries(readEntries(join(directory, EVENTS_FILE), entryFindings), (entry) => {
      if (isRedacted(entry)) {
        redacted += 1;
      } else {
        events += 1;
        if (scope.kind === 'town' && entry.stream !== scope.stream) {
          entryFindings.push({
            code: 'BUNDLE_MISMATCH',
            position: entry.globalPosition.toString(),
            stream: entry.stream,
            message: `The bundle of ${scope.stream} carries an event of ${entry.stream}`,
          });
        }
      }
    }),
    {
      gapFreePositions: manifest.source.gapFreePositions,
      checkpoints,
      trustedKeys: keys,
      ...(options.onProgress === undefined
        ? {}
        : { onProgress: (entries: number) => options.onProgress?.(entries) }),
    },
  );
  if (scope.kind === 'programme' && redacted > 0) {
    bundleFindings.push({
      code: 'BUNDLE_MISMATCH',
      position: null,
      message: `A programme bundle must hold every event in full; ${redacted} are redacted`,
    });
  }
  const claimed = manifest.log;
  if (
    claimed.events !== events ||
    claimed.redacted !== redacted ||
    claimed.lastPosition !== summary.lastPosition ||
    claimed.logDigest !== summary.logDigest
  ) {
    bundleFindings.push({
      code: 'BUNDLE_MISMATCH',
      position: null,
      expected: `${claimed.events} events, ${claimed.redacted} redacted, up to ${claimed.lastPosition}, log ${claimed.logDigest}`,
      actual: `${events} events, ${redacted} redacted, up to ${summary.lastPosition}, log ${summary.logDigest}`,
      message: `${EVENTS_FILE} is not the log the manifest describes`,
    });
  }

  const entryOrdered = [...entryFindings, ...summary.findings].sort(byPosition);
  const report = toReport(
    { ...summary, findings: entryOrdered, findingCount: summary.findingCount + entryFindings.length },
    checkpoints,
    bundleFindings,
  );
  return {
    ...report,
    bundle: { directory, scope, createdAt: manifest.createdAt, signedBy: signature.keyId },
  };
}

function byPosition(a: Finding, b: Finding): number {
  const left = a.position === null ? undefined : BigInt(a.position);
  const right = b.position === null ? undefined : BigInt(b.position);
  if (left === right) return 0;
  if (left === undefined) return 1;
  if (right === undefined) return -1;
  return left < right ? -1 : 1;
}

/**
 * The bundle's entries, page by page. A line that cannot be read is reported where it stands (with its
 * position if it still shows one) and skipped; the gap it leaves is then reported by the engine too.
 */
async function* readEntries(path: string, findings: Finding[]): AsyncGenerator<LogEntry[]> {
  if (!existsSync(path)) throw new AuditError('BUNDLE_INVALID', `${path} is missing`);
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let page: LogEntry[] = [];
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line === '') continue;
    try {
      page.push(parseEntryLine(line));
    } catch (error) {
      findings.push({
        code: 'MALFORMED_ENTRY',
        position: /"globalPosition":"(\d+)"/.exec(line)?.[1] ?? null,
        message: `${EVENTS_FILE} line ${number} cannot be read (${error instanceof Error ? error.message : String(error)})`,
      });
      continue;
    }
    if (page.length >= DEFAULT_PAGE_SIZE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function* countingEntries(
  pages: AsyncIterable<LogEntry[]>,
  visit: (entry: LogEntry) => void,
): AsyncGenerator<LogEntry[]> {
  for await (const page of pages) {
    for (const entry of page) visit(entry);
    yield page;
  }
}

function readCheckpoints(directory: string, findings: Finding[]): Checkpoint[] {
  const path = join(directory, CHECKPOINTS_FILE);
  if (!existsSync(path)) return [];
  try {
    return parseCheckpointLines(readFileSync(path, 'utf8'), CHECKPOINTS_FILE);
  } catch (error) {
    findings.push({
      code: 'MALFORMED_ENTRY',
      position: null,
      message: `${CHECKPOINTS_FILE} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    });
    return [];
  }
}

function readText(directory: string, file: string): string {
  try {
    return readFileSync(join(directory, file), 'utf8');
  } catch (error) {
    throw new AuditError('BUNDLE_INVALID', `${join(directory, file)} cannot be read: not an audit bundle?`, {
      cause: error,
    });
  }
}

function parseWith<T>(schema: z.ZodType<T>, text: string, file: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AuditError('BUNDLE_INVALID', `${file} is not JSON`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AuditError('BUNDLE_INVALID', `${file} is not an audit bundle's ${file}`);
  return parsed.data;
}

async function fileHash(path: string): Promise<string | undefined> {
  if (!existsSync(path)) return undefined;
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(path)) digest.update(chunk as Buffer);
  return digest.digest('hex');
}
