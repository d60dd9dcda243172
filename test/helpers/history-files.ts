import { readFileSync, writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.History;
const { History } = temporal.api.history.v1;

/**
 * Workflow histories as JSON files. The SDK's own JSON helpers (historyToJSON/historyFromJSON in
 * @temporalio/common) fail in this install, where npm keeps two copies of protobufjs 8 side by side
 * ("type must be a Type"), so the files use protobufjs's object form of the same History message:
 * enum names, 64-bit integers as strings, bytes as base64. It round-trips exactly.
 */
export function writeHistory(path: string, history: { events?: History['events'] | null }): number {
  const message = History.create({ events: history.events ?? [] });
  const json = History.toObject(message, { longs: String, enums: String, bytes: String });
  writeFileSync(path, `${JSON.stringify(json, null, 1)}\n`);
  return message.events.length;
}

export function readHistory(path: string): History {
  return History.fromObject(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>);
}
