/**
 * A programme's log at a chosen size, written through the store's own append (so every hash chain is
 * what the store would hold): one programme stream, batch streams of 500 applications each, and towns
 * whose streams carry a listed town's first three years — applied, listed, reward due, plan submitted and
 * approved, three yearly reviews (14 events), produced by the real deciders (test TownStory), so the fold
 * runs the domain's own `evolve` over the shapes the system records.
 */
import { randomUUID } from 'node:crypto';
import { batchDecider } from '../../domain/batch';
import { pingxiang2017 } from '../../domain/policy';
import { decideProgramme, initialProgrammeState, programmeDecider } from '../../domain/programme';
import type { NewEvent } from '../../domain/shared/event-envelope';
import { townDecider, type TownEvent } from '../../domain/town';
import type { EventStore } from '../../infra/event-store/event-store.port';
import { contextFor } from '../../test/helpers/given-when-then';
import { TownStory } from '../../test/unit/domain/town/town-story';
import { forEachLimit } from '../lifecycle/concurrency';

const TOWNS_PER_BATCH = 500;
/** Appends in flight at once: the store's pool serves several, as several workers' activities would. */
const CONCURRENT_APPENDS = 4;
const policyRef = { id: pingxiang2017.id, version: pingxiang2017.version };

const townLife: readonly TownEvent[] = TownStory.cultivating()
  .rated(2017, 80)
  .rated(2018, 86)
  .rated(2019, 90).events;

function envelope(type: string, data: unknown, correlationId: string, index: number): NewEvent {
  const id = randomUUID();
  return {
    id,
    type,
    data,
    occurredAt: new Date(Date.UTC(2017, 2, 1) + index * 3_600_000).toISOString(),
    metadata: {
      actor: { userId: 'bench-official', seat: 'joint-meeting-office' },
      causationId: id,
      correlationId,
      policy: policyRef,
    },
  };
}

function townEvents(townId: string, county: string): NewEvent[] {
  return townLife.map((event, index) => {
    const data =
      event.type === 'TownApplied'
        ? { ...event.data, townId, name: `特色小镇 ${townId}`, county }
        : event.data;
    return envelope(event.type, data, townId, index);
  });
}

export interface FilledLog {
  readonly events: number;
  readonly towns: number;
  readonly lastPosition: bigint;
}

/** Appends until the log holds at least `target` events; `prefix` keeps ids apart between fills. */
export async function fillProgrammeLog(
  store: EventStore,
  target: number,
  prefix: string,
  onProgress: (events: number) => void = () => undefined,
): Promise<FilledLog> {
  let events = 0;
  let towns = 0;
  let lastPosition = 0n;
  const note = (positions: readonly bigint[]) => {
    events += positions.length;
    for (const position of positions) if (position > lastPosition) lastPosition = position;
  };
  if (prefix === 'p0') {
    const started = decideProgramme(
      { type: 'StartProgramme', data: { programmeId: 'bench' } },
      initialProgrammeState,
      contextFor(pingxiang2017)('2017-01-01T00:00:00+08:00', 'administrator'),
    );
    const programme = started.map((event, i) => envelope(event.type, event.data, 'programme', i));
    note((await store.append(programmeDecider.streamOf('bench'), programme, 'no_stream')).positions);
  }
  const counties = pingxiang2017.counties.map((county) => county.code);
  for (let batch = 0; events < target; batch += 1) {
    const batchId = `${prefix}-${batch}`;
    const townIds = Array.from({ length: TOWNS_PER_BATCH }, (_, i) => `${batchId}-${i}`);
    const countyOf = (i: number) => counties[i % counties.length] ?? 'luxi';
    const opened = envelope(
      'BatchOpened',
      {
        batchId,
        opensAt: '2017-02-28T16:00:00.000Z',
        closesAt: '2017-03-31T15:59:59.999Z',
        listDueAt: '2017-04-30T15:59:59.999Z',
        priorListedByCounty: {},
      },
      batchId,
      0,
    );
    const received = townIds.map((townId, i) =>
      envelope(
        'ApplicationReceived',
        {
          townId,
          name: `特色小镇 ${townId}`,
          county: countyOf(i),
          kind: 'administrative-town',
          industry: 'leisure-tourism',
          appliedAt: '2017-03-10T02:00:00.000Z',
        },
        batchId,
        i + 1,
      ),
    );
    note(
      (
        await store.append(
          batchDecider.streamOf('bench', batchId, 'unambiguous'),
          [opened, ...received],
          'no_stream',
        )
      ).positions,
    );
    await forEachLimit(townIds, CONCURRENT_APPENDS, async (townId, i) => {
      note(
        (await store.append(townDecider.streamOf(townId), townEvents(townId, countyOf(i)), 'no_stream'))
          .positions,
      );
    });
    towns += townIds.length;
    onProgress(events);
  }
  return { events, towns, lastPosition };
}
