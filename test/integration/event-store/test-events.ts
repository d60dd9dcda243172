import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../../domain/shared/event-envelope';

/** A stream name no other test (or earlier run against the same server) uses. */
export function uniqueStream(label: string): string {
  return `contract-${label}-${randomUUID()}`;
}

/**
 * An event with a realistic envelope: nested data with Chinese text, numbers, booleans and null, and the
 * metadata every real event carries. `occurredAt` has millisecond precision, which every store keeps.
 */
export function testEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'TownRatingRecorded',
    data: {
      town: '萍乡市麻山镇',
      rating: { score: 87.5, grade: '良好', passed: true, note: null },
      tags: ['文旅', 'industry'],
    },
    metadata: {
      actor: { userId: 'u-1', seat: 'county-official', county: '湘东区' },
      causationId: randomUUID(),
      correlationId: randomUUID(),
      policy: { id: 'pingxiang-2017', version: 'sha256:0f3c' },
    },
    occurredAt: '2024-03-31T15:59:59.999Z',
    ...overrides,
  };
}

export function testEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, () => testEvent(overrides));
}

/**
 * Polls `condition` until it holds; fails with `description` at the deadline. The only kind of waiting
 * these suites do: short polls with a deadline, never a fixed sleep.
 */
export async function waitUntil(
  description: string,
  condition: () => boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting until ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
