/**
 * An audit bundle: a directory an auditor can verify with no database and no server.
 *
 *   manifest.json      what the bundle holds, and the SHA-256 of every other file
 *   signature.json     Ed25519 signature of manifest.json's exact bytes
 *   events.jsonl       the log, one entry per line, in global order
 *   checkpoints.jsonl  the checkpoints that seal it
 *   keys/*.public.pem  the public keys of those signatures
 *
 * A town's bundle carries the town's events in full and every other event of the log redacted to its
 * position and hashes, which is what the log hash chain and the checkpoints need and nothing more.
 */
import { z } from 'zod';
import { AuditError } from '../../domain/audit/audit.errors';
import { isRedacted, type LogEntry } from './log-verifier';

export const BUNDLE_FORMAT = 'towns-audit-bundle/1';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'signature.json';
export const EVENTS_FILE = 'events.jsonl';
export const CHECKPOINTS_FILE = 'checkpoints.jsonl';
export const KEYS_DIRECTORY = 'keys';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const decimal = z.string().regex(/^(0|[1-9][0-9]*)$/);

export const bundleScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('programme') }),
  z.object({ kind: z.literal('town'), townId: z.string().min(1), stream: z.string().min(1) }),
]);
export type BundleScope = z.infer<typeof bundleScopeSchema>;

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  createdAt: z.string().min(1),
  scope: bundleScopeSchema,
  source: z.object({ store: z.string().min(1), gapFreePositions: z.boolean() }),
  log: z.object({
    entries: z.number().int().min(0),
    events: z.number().int().min(0),
    redacted: z.number().int().min(0),
    lastPosition: decimal,
    logDigest: hex64,
    checkpoints: z.number().int().min(0),
  }),
  /** Every file but the manifest and its signature, by path relative to the bundle, with its SHA-256. */
  files: z.record(z.string(), hex64),
  signedBy: z.string().min(1),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export const signatureSchema = z.object({
  keyId: z.string().min(1),
  algorithm: z.literal('Ed25519'),
  signature: z.string().min(1),
});
export type BundleSignature = z.infer<typeof signatureSchema>;

/** One line of events.jsonl. Positions are decimal strings: JSON numbers lose precision above 2^53. */
export function entryLine(entry: LogEntry): string {
  if (isRedacted(entry)) {
    return JSON.stringify({
      globalPosition: entry.globalPosition.toString(),
      redacted: true,
      chainHash: entry.chainHash,
      ...(entry.logHash === undefined ? {} : { logHash: entry.logHash }),
    });
  }
  return JSON.stringify({
    globalPosition: entry.globalPosition.toString(),
    stream: entry.stream,
    streamVersion: entry.streamVersion,
    id: entry.id,
    type: entry.type,
    data: entry.data,
    metadata: entry.metadata,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    contentHash: entry.contentHash,
    chainHash: entry.chainHash,
    ...(entry.logHash === undefined ? {} : { logHash: entry.logHash }),
  });
}

const metadataSchema = z
  .object({
    actor: z.object({ userId: z.string(), seat: z.string() }).loose(),
    causationId: z.string(),
    correlationId: z.string(),
  })
  .loose();

const eventLineSchema = z.object({
  globalPosition: decimal,
  id: z.string(),
  stream: z.string(),
  streamVersion: z.number().int().min(0),
  type: z.string(),
  data: z.unknown(),
  metadata: metadataSchema,
  occurredAt: z.string(),
  recordedAt: z.string(),
  contentHash: z.string(),
  chainHash: z.string(),
  logHash: z.string().optional(),
});

const redactedLineSchema = z.object({
  globalPosition: decimal,
  redacted: z.literal(true),
  chainHash: z.string(),
  logHash: z.string().optional(),
});

/** Parses one line of events.jsonl; throws BUNDLE_INVALID with the reason. */
export function parseEntryLine(line: string): LogEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new AuditError('BUNDLE_INVALID', 'not JSON', { cause: error });
  }
  const redacted = redactedLineSchema.safeParse(value);
  if (redacted.success) {
    const { globalPosition, chainHash, logHash } = redacted.data;
    return {
      redacted: true,
      globalPosition: BigInt(globalPosition),
      chainHash,
      ...(logHash === undefined ? {} : { logHash }),
    };
  }
  const event = eventLineSchema.safeParse(value);
  if (!event.success) {
    const issue = event.error.issues[0];
    throw new AuditError(
      'BUNDLE_INVALID',
      issue === undefined ? 'not an event' : `${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const { globalPosition, logHash, data, metadata, ...rest } = event.data;
  return {
    ...rest,
    // Checked for the fields every event has; the rest is kept exactly as written, since the content
    // hash covers all of it.
    metadata,
    data,
    globalPosition: BigInt(globalPosition),
    ...(logHash === undefined ? {} : { logHash }),
  };
}
