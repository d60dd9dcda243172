import type { BatchEvent } from '../../../../domain/batch';

/** Batch 2017 opened under the Pingxiang pack, with the towns earlier batches listed. */
export const batchOpened = (priorListedByCounty: Record<string, string[]> = {}): BatchEvent => ({
  type: 'BatchOpened',
  data: {
    batchId: '2017',
    opensAt: '2017-02-28T16:00:00.000Z',
    closesAt: '2017-03-31T15:59:59.999Z',
    listDueAt: '2017-04-30T15:59:59.999Z',
    priorListedByCounty,
  },
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
