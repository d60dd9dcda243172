/** Messages between the content check pool and its workers: flat arrays of strings clone cheaply. */
import type { EventMetadata } from '../../domain/shared/event-envelope';
import { contentHash } from '../event-store/event-hash';

export const FIELDS_PER_EVENT = 8;

export interface ContentCheckRequest {
  readonly request: number;
  /** Per event: id, stream, stream version, type, occurredAt, data JSON, metadata JSON, stored content hash. */
  readonly fields: readonly string[];
}

export interface ContentCheckReply {
  readonly request: number;
  /** Index in the page, and the hash recomputed there. */
  readonly mismatches: readonly (readonly [number, string])[];
}

/** Recomputes the content hash of every event in `fields`; the ones that differ from the stored hash. */
export function checkContentFields(fields: readonly string[]): [number, string][] {
  const mismatches: [number, string][] = [];
  for (let index = 0; index * FIELDS_PER_EVENT < fields.length; index += 1) {
    const at = index * FIELDS_PER_EVENT;
    const field = (offset: number): string => fields[at + offset] ?? '';
    let recomputed: string;
    try {
      recomputed = contentHash({
        id: field(0),
        stream: field(1),
        streamVersion: Number(field(2)),
        type: field(3),
        occurredAt: field(4),
        data: JSON.parse(field(5)) as unknown,
        metadata: JSON.parse(field(6)) as EventMetadata,
      });
    } catch {
      // Text that is not JSON cannot be the content that was hashed.
      recomputed = 'unreadable content';
    }
    if (recomputed !== field(7)) mismatches.push([index, recomputed]);
  }
  return mismatches;
}
