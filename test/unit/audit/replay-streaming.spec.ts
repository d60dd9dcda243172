import { join } from 'node:path';
import { historyFilePath } from '../../../audit/replay/temporal-replay-files';
import { continuedFrom, mapAhead } from '../../../audit/replay/temporal-replay-runs';

/** A deferred result, resolved by the test in whatever order it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function* numbers(count: number, pulled: number[]): AsyncGenerator<number> {
  for (let i = 0; i < count; i += 1) {
    await Promise.resolve();
    pulled.push(i);
    yield i;
  }
}

describe('fetching histories ahead of the replay', () => {
  it('keeps at most `ahead` fetches in flight and yields in the order listed, whatever order they finish in', async () => {
    const pending = new Map<number, ReturnType<typeof deferred<string>>>();
    let inFlight = 0;
    let most = 0;
    const work = (n: number) => {
      const d = deferred<string>();
      pending.set(n, d);
      inFlight += 1;
      most = Math.max(most, inFlight);
      return d.promise.finally(() => (inFlight -= 1));
    };
    const results = mapAhead(numbers(10, []), work, 3);

    const first = results.next();
    await new Promise(setImmediate);
    expect([...pending.keys()]).toEqual([0, 1, 2]);
    pending.get(2)?.resolve('two');
    pending.get(1)?.resolve('one');
    pending.get(0)?.resolve('zero');
    expect(await first).toEqual({ done: false, value: 'zero' });
    const rest: string[] = [];
    const draining = (async () => {
      for (let next = await results.next(); next.done !== true; next = await results.next())
        rest.push(next.value);
    })();
    for (let n = 3; n < 10; n += 1) {
      await new Promise(setImmediate);
      pending.get(n)?.resolve(`#${n}`);
    }
    await draining;

    expect(rest).toEqual(['one', 'two', '#3', '#4', '#5', '#6', '#7', '#8', '#9']);
    expect(most).toBe(3);
  });

  it('stops listing when the consumer stops', async () => {
    const pulled: number[] = [];
    const results = mapAhead(numbers(1_000, pulled), (n) => Promise.resolve(n), 4);

    for await (const n of results) if (n === 1) break;

    expect(pulled.length).toBeLessThanOrEqual(6);
  });
});

describe('exported history files', () => {
  it('go under the workflow id and the run id, with anything unsafe in a file name encoded', () => {
    expect(historyFilePath('/x', 'town-abc', 'run-1')).toBe(join('/x', 'town-abc', 'run-1.json'));
    expect(historyFilePath('/x', '../etc/passwd', 'r')).toBe(join('/x', '..%2Fetc%2Fpasswd', 'r.json'));
    expect(historyFilePath('/x', '..', '.')).toBe(join('/x', '%2E%2E', '%2E.json'));
  });
});

describe('the run a run continued', () => {
  it('is named by its start event, and absent for the first run', () => {
    const started = (continuedExecutionRunId: string) => ({
      events: [{ workflowExecutionStartedEventAttributes: { continuedExecutionRunId } }],
    });

    expect(continuedFrom(started('run-1'))).toBe('run-1');
    expect(continuedFrom(started(''))).toBeUndefined();
    expect(continuedFrom({ events: [] })).toBeUndefined();
  });
});
