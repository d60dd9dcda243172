import { batchDecider, type BatchEvent, type BatchState } from '../../../../domain/batch';

/** The Pingxiang pack's window and list dates of the first two batches (Shanghai midnight, in UTC). */
const packDates = {
  '2017': {
    opensAt: '2017-02-28T16:00:00.000Z',
    closesAt: '2017-03-31T15:59:59.999Z',
    listDueAt: '2017-04-30T15:59:59.999Z',
  },
  '2018': {
    opensAt: '2018-02-28T16:00:00.000Z',
    closesAt: '2018-03-31T15:59:59.999Z',
    listDueAt: '2018-04-30T15:59:59.999Z',
  },
} as const;

/** A batch (2017 unless named) opened under the Pingxiang pack, with the towns earlier batches listed. */
export const batchOpened = (
  priorListedByCounty: Record<string, string[]> = {},
  batchId: keyof typeof packDates = '2017',
): BatchEvent => ({
  type: 'BatchOpened',
  data: { batchId, ...packDates[batchId], priorListedByCounty },
});

export const received = (townId: string, county = 'shangli'): BatchEvent => ({
  type: 'ApplicationReceived',
  data: {
    townId,
    name: townId,
    county,
    kind: 'administrative-town',
    industry: 'fireworks',
    appliedAt: '2017-03-10T02:00:00.000Z',
  },
});

export const scored = (townId: string, weightedScore: number): BatchEvent => ({
  type: 'DefenceScored',
  data: { townId, scores: {}, weights: {}, weightedScore },
});

/** A batch's state after these events, folded with the real evolve (from the start, or from `from`). */
export const foldBatch = (
  events: readonly BatchEvent[],
  from: BatchState = batchDecider.initialState,
): BatchState => events.reduce(batchDecider.evolve, from);
