/**
 * Exported workflow histories on disk, in the format of the recorded histories in test/histories:
 * protobufjs's object form of the History message (enum names, 64-bit integers as strings, bytes as
 * base64), which round-trips exactly. The SDK's own JSON helpers (historyToJSON in @temporalio/common)
 * fail in this install, where npm keeps two copies of protobufjs side by side, so they are not used.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { messageOf, TemporalReplayError } from '../../infra/audit/temporal-replay-errors';

type History = temporal.api.history.v1.IHistory;
const { History } = temporal.api.history.v1;

/** Makes (or accepts) the export directory before anything is fetched, so a bad path changes nothing. */
export async function prepareExportDir(directory: string): Promise<void> {
  const existing = await stat(directory).catch(() => undefined);
  if (existing !== undefined && !existing.isDirectory()) {
    throw new TemporalReplayError('REPLAY_EXPORT_DIR_INVALID', `${directory} exists and is not a directory`);
  }
  await mkdir(directory, { recursive: true }).catch((error: unknown) => {
    throw new TemporalReplayError(
      'REPLAY_EXPORT_DIR_INVALID',
      `Cannot make ${directory}: ${messageOf(error)}`,
      { cause: error },
    );
  });
}

/**
 * Where a run's history goes: `<directory>/<workflowId>/<runId>.json`. Workflow ids are free text to
 * Temporal, so anything that is not safe in a file name is percent-encoded.
 */
export function historyFilePath(directory: string, workflowId: string, runId: string): string {
  return join(directory, safeName(workflowId), `${safeName(runId)}.json`);
}

export async function writeHistoryFile(path: string, history: History): Promise<void> {
  const message = History.create({ events: history.events ?? [] });
  const json = History.toObject(message, { longs: String, enums: String, bytes: String });
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(json, null, 1)}\n`);
}

function safeName(text: string): string {
  const encoded = encodeURIComponent(text).replace(/\*/g, '%2A');
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}
