/**
 * Writes an audit bundle (audit/shared/bundle-format.ts) from a store, for one town or the whole
 * programme.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { townDecider } from '../../domain/town';
import { GENESIS_HASH, sha256Hex } from '../../infra/event-store/event-hash';
import type {
  ChainedLogReader,
  ChainedRecordedEvent,
  EventStore,
} from '../../infra/event-store/event-store.port';
import { AuditError } from '../../domain/audit/audit.errors';
import {
  type BundleManifest,
  type BundleScope,
  type BundleSignature,
  BUNDLE_FORMAT,
  CHECKPOINTS_FILE,
  entryLine,
  EVENTS_FILE,
  KEYS_DIRECTORY,
  MANIFEST_FILE,
  SIGNATURE_FILE,
} from '../shared/bundle-format';
import type { Checkpoint } from '../../infra/audit/checkpoint';
import {
  PUBLIC_KEY_SUFFIX,
  publicKeyPem,
  type SigningKey,
  signText,
  type TrustedKeys,
} from '../../infra/audit/keys';
import { DEFAULT_PAGE_SIZE, readPages } from '../shared/log-pages';
import { type LogEntry, LogVerifier, type VerificationSummary } from '../shared/log-verifier';
import type { Progress } from '../shared/progress';

export interface ExportBundleOptions {
  readonly store: Pick<EventStore, 'kind' | 'chained'>;
  readonly scope: { readonly kind: 'programme' } | { readonly kind: 'town'; readonly townId: string };
  readonly checkpoints: readonly Checkpoint[];
  /** Public keys to include for the checkpoints' signatures (the signing key's own is always included). */
  readonly publicKeys: TrustedKeys;
  readonly key: SigningKey;
  readonly directory: string;
  readonly now: () => Date;
  readonly pageSize?: number;
  readonly onProgress?: (progress: Progress) => void;
}

export interface ExportedBundle {
  readonly directory: string;
  readonly manifest: BundleManifest;
  /** What verifying the exported log found, before it was written (a bundle of a broken log says so). */
  readonly verification: VerificationSummary;
}

export async function exportBundle(options: ExportBundleOptions): Promise<ExportedBundle> {
  const log = chainedLog(options.store);
  const scope: BundleScope =
    options.scope.kind === 'town'
      ? { kind: 'town', townId: options.scope.townId, stream: townDecider.streamOf(options.scope.townId) }
      : { kind: 'programme' };
  if (scope.kind === 'town' && (await log.readStream(scope.stream, { maxCount: 1 })).length === 0) {
    throw new AuditError('TOWN_NOT_FOUND', `No events in stream ${scope.stream}`);
  }
  prepareDirectory(options.directory);

  const lastPosition = await log.lastPosition();
  const verifier = new LogVerifier({
    gapFreePositions: log.gapFreePositions,
    checkpoints: [],
    trustedKeys: new Map(),
  });
  const eventsHash = createHash('sha256');
  const fd = openSync(join(options.directory, EVENTS_FILE), 'wx');
  let events = 0;
  let redacted = 0;
  try {
    for await (const page of readPages(log, 0n, options.pageSize ?? DEFAULT_PAGE_SIZE)) {
      const entries = page.map((event) => inScope(event, scope));
      for (const entry of page) verifier.check(entry);
      const text = entries.map((entry) => `${entryLine(entry)}\n`).join('');
      writeSync(fd, text);
      eventsHash.update(text);
      redacted += entries.filter((entry) => 'redacted' in entry).length;
      events += entries.length;
      options.onProgress?.({ entries: events, position: page.at(-1)?.globalPosition ?? 0n, lastPosition });
    }
  } finally {
    closeSync(fd);
  }
  const summary = verifier.finish();

  // Only what the exported log reaches: a checkpoint made after the export read its last page would
  // seal events the bundle does not hold.
  const exportedUpTo = BigInt(summary.lastPosition);
  const checkpoints = options.checkpoints.filter(
    (checkpoint) => BigInt(checkpoint.upToPosition) <= exportedUpTo,
  );
  const checkpointsText = checkpoints.map((checkpoint) => `${JSON.stringify(checkpoint)}\n`).join('');
  const files: Record<string, string> = {
    [EVENTS_FILE]: eventsHash.digest('hex'),
    [CHECKPOINTS_FILE]: writeFile(options.directory, CHECKPOINTS_FILE, checkpointsText),
  };
  mkdirSync(join(options.directory, KEYS_DIRECTORY));
  const keys = new Map(options.publicKeys);
  keys.set(options.key.keyId, options.key.publicKey);
  const needed = new Set([options.key.keyId, ...checkpoints.map((checkpoint) => checkpoint.keyId)]);
  for (const keyId of [...needed].sort()) {
    const key = keys.get(keyId);
    if (key === undefined) continue;
    const path = `${KEYS_DIRECTORY}/${keyId}${PUBLIC_KEY_SUFFIX}`;
    files[path] = writeFile(options.directory, path, publicKeyPem(key));
  }

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt: options.now().toISOString(),
    scope,
    source: { store: options.store.kind, gapFreePositions: log.gapFreePositions },
    log: {
      entries: summary.entriesChecked,
      events: events - redacted,
      redacted,
      lastPosition: summary.lastPosition,
      logDigest: summary.entriesChecked === 0 ? GENESIS_HASH : summary.logDigest,
      checkpoints: checkpoints.length,
    },
    files,
    signedBy: options.key.keyId,
  };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFile(options.directory, MANIFEST_FILE, manifestText);
  const signature: BundleSignature = {
    keyId: options.key.keyId,
    algorithm: 'Ed25519',
    signature: signText(options.key, manifestText),
  };
  writeFile(options.directory, SIGNATURE_FILE, `${JSON.stringify(signature, null, 2)}\n`);
  return { directory: options.directory, manifest, verification: summary };
}

export function chainedLog(store: Pick<EventStore, 'kind' | 'chained'>): ChainedLogReader {
  if (store.chained === undefined) {
    throw new AuditError('STORE_NOT_CHAINED', `The ${store.kind} event store keeps no hash chain to audit`);
  }
  return store.chained;
}

function inScope(event: ChainedRecordedEvent, scope: BundleScope): LogEntry {
  if (scope.kind === 'programme' || event.stream === scope.stream) return event;
  return {
    redacted: true,
    globalPosition: event.globalPosition,
    chainHash: event.chainHash,
    ...(event.logHash === undefined ? {} : { logHash: event.logHash }),
  };
}

function prepareDirectory(directory: string): void {
  if (existsSync(directory) && readdirSync(directory).length > 0) {
    throw new AuditError('BUNDLE_EXISTS', `${directory} exists and is not empty`);
  }
  mkdirSync(directory, { recursive: true });
}

/** Writes a file of the bundle and returns its SHA-256. */
function writeFile(directory: string, path: string, text: string): string {
  writeFileSync(join(directory, path), text, { flag: 'wx' });
  return sha256Hex(text);
}
