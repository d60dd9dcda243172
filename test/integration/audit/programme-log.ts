import type { NewEvent } from '../../../domain/shared/event-envelope';
import type { EventStore } from '../../../infra/event-store/event-store.port';
import { recommendationDecision, townHistory } from '../../unit/audit/town-history';
import { townDecider } from '../../../domain/town';

export const TOWNS = [
  { townId: 'mashan', name: '麻山汽车风情小镇', ending: 'recommended' },
  { townId: 'wugong', name: '武功山温泉小镇', ending: 'exited' },
  { townId: 'luxi', name: '芦溪电瓷小镇', ending: 'recommended' },
] as const;

/**
 * Three towns' histories appended one event at a time, interleaved as real appends would be (so that
 * neighbours in the log belong to different streams), then the programme's recommendation.
 */
export async function appendProgrammeLog(store: EventStore): Promise<void> {
  const histories = TOWNS.map((town) => ({
    stream: townDecider.streamOf(town.townId),
    events: townHistory(town.townId, town.name, town.ending),
  }));
  const longest = Math.max(...histories.map((history) => history.events.length));
  for (let index = 0; index < longest; index += 1) {
    for (const history of histories) {
      const event = history.events[index];
      if (event !== undefined) await store.append(history.stream, [event], index - 1);
    }
  }
  const decision: NewEvent = recommendationDecision(TOWNS.map((town) => town.townId));
  await store.append('programme-pingxiang', [decision], 'no_stream');
}

/** Where one event of a stream stands, found with the store's own reads. */
export async function positionOf(store: EventStore, stream: string, type: string, nth = 0): Promise<bigint> {
  const event = (await store.readStream(stream)).filter((candidate) => candidate.type === type)[nth];
  if (event === undefined) throw new Error(`${stream} has no ${type} #${nth}`);
  return event.globalPosition;
}
