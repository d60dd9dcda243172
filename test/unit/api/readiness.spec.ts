import { batchWindowOpenAt, readinessVerdict } from '../../../apps/api/health/readiness';
import { pingxiang2017 } from '../../../domain/policy/packs/pingxiang-2017';

const up = { status: 'up' } as const;
const down = { status: 'down', error: 'why' } as const;

describe('readiness', () => {
  it('is ready only when every check is up', () => {
    expect(readinessVerdict({ temporal: up, eventStore: up, programme: up, readModels: up })).toEqual({
      ready: true,
    });
    expect(
      readinessVerdict({ temporal: up, eventStore: up, programme: up, readModels: up, workers: up }),
    ).toEqual({ ready: true });
  });

  it.each([
    ['Temporal is down', 5, { temporal: down }],
    ['the store is down', 5, { eventStore: down }],
    ['Temporal is down while starting', 5, { temporal: down, programme: down }],
    ['the batch has not opened yet', 1, { programme: down }],
    ['no worker answered the batch’s query', 5, { programme: down, workers: down }],
    ['the read models are catching up', 1, { readModels: down }],
  ])('is not ready when %s, asking to come back in %d s', (_when, retryAfterSeconds, failing) => {
    expect(
      readinessVerdict({ temporal: up, eventStore: up, programme: up, readModels: up, ...failing }),
    ).toEqual({ ready: false, retryAfterSeconds });
  });

  it('knows which batch’s window the calendar holds open, in Shanghai time', () => {
    const first = pingxiang2017.batches[0];
    if (!first) throw new Error('the pack has batches');
    // Midnight in Shanghai on the opening day is 16:00 UTC the day before.
    const opening = new Date(`${first.applicationOpensOn}T00:00:00+08:00`);
    expect(batchWindowOpenAt(pingxiang2017, new Date(opening.getTime() - 1).toISOString())).toBeUndefined();
    expect(batchWindowOpenAt(pingxiang2017, opening.toISOString())?.batchId).toBe(first.id);
    const lastDay = new Date(`${first.applicationClosesOn}T23:59:59.999+08:00`);
    expect(batchWindowOpenAt(pingxiang2017, lastDay.toISOString())?.batchId).toBe(first.id);
    expect(batchWindowOpenAt(pingxiang2017, new Date(lastDay.getTime() + 1).toISOString())).toBeUndefined();
  });
});
