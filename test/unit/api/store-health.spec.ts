import { EventStoreUnavailableError } from '../../../infra/event-store/event-store.errors';
import { toProblem } from '../../../apps/api/errors/error-translation';
import { storeAnswers } from '../../../apps/api/shared/store-health';

/** A store whose connections hang: its health check never settles. */
const hungStore = { checkHealth: () => new Promise<void>(() => undefined) };

describe('the store health check before a command', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives a hung store 3 s, then answers 503 EVENT_STORE_UNAVAILABLE with Retry-After', async () => {
    const answered = storeAnswers(hungStore, { commandTimeoutMs: 30_000 }).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(2_999);
    let settled = false;
    void answered.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    const error = await answered;
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    const { problem, headers } = toProblem(error);
    expect(problem).toMatchObject({ status: 503, code: 'EVENT_STORE_UNAVAILABLE' });
    expect(headers['Retry-After']).toBe('5');
  });

  it('never waits beyond the command deadline', async () => {
    const answered = storeAnswers(hungStore, { commandTimeoutMs: 500 }).catch((error: unknown) => error);
    await jest.advanceTimersByTimeAsync(500);
    expect(await answered).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('lets a store that answers through', async () => {
    await expect(storeAnswers({ checkHealth: () => Promise.resolve() }, {})).resolves.toBeUndefined();
  });
});
