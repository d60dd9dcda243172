import {
  type RoundResult,
  runPeriodicCheckpoints,
  sleepUnlessAborted,
} from '../../../apps/checkpointer/periodic-checkpointer';
import { formatInterval } from '../../../apps/checkpointer/run-checkpointer';
import { loadAuditConfig } from '../../../infra/audit/audit-config';
import type { CheckpointOutcome } from '../../../audit/checkpoints/checkpointer';
import { buildLog, checkpointsOf, roundRobin, testSigningKey } from './chained-log';

/** A clock the test moves: every sleep waits until `advance()` ends it (or the schedule is stopped). */
function drivenClock() {
  const sleeping: { readonly ms: number; readonly wake: () => void }[] = [];
  return {
    sleeps: [] as number[],
    sleep(ms: number, signal: AbortSignal): Promise<void> {
      this.sleeps.push(ms);
      return new Promise((wake) => {
        sleeping.push({ ms, wake });
        signal.addEventListener('abort', () => wake(), { once: true });
      });
    },
    advance(): void {
      const next = sleeping.shift();
      if (next === undefined) throw new Error('nothing is waiting on the clock');
      next.wake();
    },
  };
}

/** Round results as they are reported, awaited one at a time. */
function reportedRounds() {
  const results: RoundResult[] = [];
  const waiting: ((result: RoundResult) => void)[] = [];
  return {
    all: results,
    report(result: RoundResult): void {
      results.push(result);
      waiting.shift()?.(result);
    },
    next(): Promise<RoundResult> {
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Lets every promise that can settle now settle, without any time passing. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the periodic checkpointer', () => {
  const [checkpoint] = checkpointsOf(buildLog(roundRobin(3, 1)), [3], testSigningKey());
  const made: CheckpointOutcome = { made: true, checkpoint: checkpoint!, checkpoints: [checkpoint!] };
  const nothingNew: CheckpointOutcome = { made: false, latest: checkpoint };

  it('makes a round at start, then one each time the interval has passed, and none in between', async () => {
    const clock = drivenClock();
    const rounds = reportedRounds();
    const outcomes = [made, nothingNew, made];
    let calls = 0;
    const controller = new AbortController();
    const first = rounds.next();
    const running = runPeriodicCheckpoints({
      everyMs: 900_000,
      round: () => Promise.resolve(outcomes[calls++] ?? nothingNew),
      sleep: (ms, signal) => clock.sleep(ms, signal),
      signal: controller.signal,
      onRound: (result) => rounds.report(result),
    });

    expect(await first).toEqual({ ok: true, outcome: made });
    await settle();
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([900_000]);

    const second = rounds.next();
    clock.advance();
    expect(await second).toEqual({ ok: true, outcome: nothingNew });
    const third = rounds.next();
    clock.advance();
    expect(await third).toEqual({ ok: true, outcome: made });
    await settle();
    expect(calls).toBe(3);

    controller.abort();
    await running;
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([900_000, 900_000, 900_000]);
  });

  it('reports a failed round and tries again at the next', async () => {
    const clock = drivenClock();
    const rounds = reportedRounds();
    const failure = new Error('the ledger is out of reach');
    let calls = 0;
    const controller = new AbortController();
    const first = rounds.next();
    const running = runPeriodicCheckpoints({
      everyMs: 1_000,
      round: () => (calls++ === 0 ? Promise.reject(failure) : Promise.resolve(made)),
      sleep: (ms, signal) => clock.sleep(ms, signal),
      signal: controller.signal,
      onRound: (result) => rounds.report(result),
    });
    expect(await first).toEqual({ ok: false, error: failure });
    const second = rounds.next();
    clock.advance();
    expect(await second).toEqual({ ok: true, outcome: made });
    controller.abort();
    await running;
  });

  it('stops after the round under way when stopped during it', async () => {
    const clock = drivenClock();
    const controller = new AbortController();
    const rounds = reportedRounds();
    await runPeriodicCheckpoints({
      everyMs: 1_000,
      round: () => {
        controller.abort();
        return Promise.resolve(made);
      },
      sleep: (ms, signal) => clock.sleep(ms, signal),
      signal: controller.signal,
      onRound: (result) => rounds.report(result),
    });
    expect(rounds.all).toEqual([{ ok: true, outcome: made }]);
    expect(clock.sleeps).toEqual([]);
  });

  it("ends the real clock's sleep at once when stopped", async () => {
    const controller = new AbortController();
    const sleeping = sleepUnlessAborted(3_600_000, controller.signal);
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});

describe('checkpoint settings', () => {
  it('keep checkpoints in the file and the ledger by default, with or without TEMPORAL_ADDRESS', () => {
    expect(loadAuditConfig({}).checkpointSinks).toEqual(['file', 'temporal']);
    expect(loadAuditConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }).checkpointSinks).toEqual([
      'file',
      'temporal',
    ]);
    expect(loadAuditConfig({ AUDIT_CHECKPOINT_SINKS: 'file' }).checkpointSinks).toEqual(['file']);
    expect(
      loadAuditConfig({ TEMPORAL_ADDRESS: 'temporal:7233', AUDIT_CHECKPOINT_SINKS: 'temporal, file' })
        .checkpointSinks,
    ).toEqual(['temporal', 'file']);
  });

  it.each([
    [{ AUDIT_CHECKPOINT_SINKS: 'file,s3' }],
    [{ AUDIT_CHECKPOINT_SINKS: 'file,file' }],
    [{ AUDIT_CHECKPOINT_SINKS: '' }],
    [{ AUDIT_CHECKPOINT_EVERY: '0m' }],
    [{ AUDIT_CHECKPOINT_EVERY: '15' }],
    [{ AUDIT_CHECKPOINT_EVERY: 'soon' }],
  ])('refuse %j with AUDIT_CONFIG_INVALID', (env) => {
    expect(() => loadAuditConfig(env)).toThrow(expect.objectContaining({ code: 'AUDIT_CONFIG_INVALID' }));
  });

  it('make a checkpoint every 15 minutes unless told otherwise', () => {
    expect(loadAuditConfig({}).checkpointEveryMs).toBe(900_000);
    expect(loadAuditConfig({ AUDIT_CHECKPOINT_EVERY: '1h' }).checkpointEveryMs).toBe(3_600_000);
    expect(loadAuditConfig({ AUDIT_CHECKPOINT_EVERY: '30s' }).checkpointEveryMs).toBe(30_000);
    expect(loadAuditConfig({ AUDIT_CHECKPOINT_EVERY: '250ms' }).checkpointEveryMs).toBe(250);
    expect([900_000, 3_600_000, 90_000, 250].map(formatInterval)).toEqual([
      '15 min',
      '1 h',
      '90 s',
      '250 ms',
    ]);
  });
});
