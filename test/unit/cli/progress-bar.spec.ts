import { countingBar, logReadingBar, progressBar } from '../../../apps/progress-bar';

/** A terminal of `columns` columns that keeps what is written to it. */
function terminal(isTTY: boolean, columns = 120): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns,
    write: (text: string) => written.push(text) > 0,
  } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('the command-line progress bar', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2027-03-01T00:00:00Z') });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, written } = terminal(false);
    const bar = progressBar<number>('verify', (fraction) => ({ fraction, text: 'x' }), stream);

    bar.update(0.5);
    bar.done();

    expect(written).toEqual([]);
  });

  it('draws the label, the bar, the share done and the words, in place', () => {
    const { stream, written } = terminal(true);
    const bar = progressBar<number>('verify', (fraction) => ({ fraction, text: 'step' }), stream);

    bar.update(0.5);

    expect(written).toEqual([`\rverify [${'#'.repeat(15)}${'-'.repeat(15)}]  50% step\u001b[K`]);
  });

  it('leads with the words alone when nothing says how far along it is', () => {
    const { stream, written } = terminal(true);
    progressBar<string>(undefined, (text) => ({ text }), stream).update('2027-03-01 SubmitPlan');
    progressBar<string>('replay', (text) => ({ text }), stream).update('3 runs');

    expect(written).toEqual(['\r2027-03-01 SubmitPlan\u001b[K', '\rreplay: 3 runs\u001b[K']);
  });

  it('keeps the line narrower than the terminal, so that it never wraps', () => {
    const { stream, written } = terminal(true, 20);
    progressBar<string>('export', (text) => ({ fraction: 1, text }), stream).update('a long description');

    expect(written).toEqual([`\rexport [${'#'.repeat(11)}\u001b[K`]);
  });

  it('redraws at most every 100 ms, and clears its line when done', () => {
    const { stream, written } = terminal(true);
    const bar = progressBar<string>('state', (text) => ({ text }), stream);

    bar.update('1');
    bar.update('2');
    jest.advanceTimersByTime(100);
    bar.update('3');
    bar.done();
    bar.done();

    expect(written).toEqual(['\rstate: 1\u001b[K', '\rstate: 3\u001b[K', '\r\u001b[K']);
  });

  it('counts towards a total, with the rate', () => {
    const { stream, written } = terminal(true, 200);
    const bar = countingBar('redecide', 'steps', stream);

    jest.advanceTimersByTime(2_000);
    bar.update({ done: 1_500, total: 6_000 });

    expect(written).toEqual([
      `\rredecide [${'#'.repeat(8)}${'-'.repeat(22)}]  25% 1,500 steps, 750/s of 6,000\u001b[K`,
    ]);
  });

  it('measures a read of the log by position, not by the events counted', () => {
    const { stream, written } = terminal(true, 200);
    const bar = logReadingBar('verify', stream);

    jest.advanceTimersByTime(1_000);
    bar.update({ entries: 3, position: 75n, lastPosition: 100n });

    expect(written).toEqual([`\rverify [${'#'.repeat(23)}${'-'.repeat(7)}]  75% 3 events, 3.0/s\u001b[K`]);
  });
});
