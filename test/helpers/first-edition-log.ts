import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RecordedEvent } from '../../domain/shared/event-envelope';

const file = resolve(__dirname, '..', 'fixtures', 'first-edition', 'pingxiang-log.json');

/**
 * The whole Pingxiang programme as the first edition's code recorded it (test/fixtures/first-edition):
 * 380 events of towns, batches, the programme and the pack's adoption, in global order.
 */
export function firstEditionEvents(): RecordedEvent[] {
  const stored = JSON.parse(readFileSync(file, 'utf8')) as (Omit<RecordedEvent, 'globalPosition'> & {
    globalPosition: string;
  })[];
  return stored.map((event) => ({ ...event, globalPosition: BigInt(event.globalPosition) }));
}
