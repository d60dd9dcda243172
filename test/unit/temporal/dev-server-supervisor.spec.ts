import type { RunningDevServer } from '../../../infra/temporal/dev-server';
import { superviseDevServer, type SupervisionPolicy } from '../../../infra/temporal/dev-server-supervisor';

/**
 * The restart policy, with launches the test decides: each launched "server" ends when the test says.
 * (The real server killed under `npm start` is test/e2e/npm-start.e2e-spec.ts.)
 */
const policy: SupervisionPolicy = {
  firstDelayMs: 1_000,
  maxDelayMs: 8_000,
  stableAfterMs: 60_000,
  maxFailedRestarts: 4,
};

interface FakeServer extends RunningDevServer {
  die(how: string): void;
  readonly stopped: boolean;
}

function fakeServer(pid: number): FakeServer {
  let end: (how: string) => void = () => undefined;
  let stopped = false;
  const exited = new Promise<string>((resolveExit) => (end = resolveExit));
  return {
    address: '127.0.0.1:7233',
    namespace: 'towns',
    uiUrl: undefined,
    logFile: undefined,
    pid,
    exited,
    die: (how) => end(how),
    get stopped() {
      return stopped;
    },
    stop: () => {
      stopped = true;
      end('stopped');
      return Promise.resolve();
    },
  };
}

/** A world where launches succeed or fail as scripted, sleeps are recorded, and time is a number. */
function world(outcomes: readonly ('up' | 'fails')[]) {
  const servers: FakeServer[] = [];
  const sleeps: number[] = [];
  const log: string[] = [];
  let clock = 0;
  let launches = 0;
  let wake: () => void = () => undefined;
  let asleep = new Promise<void>((resolveSleep) => (wake = resolveSleep));
  return {
    servers,
    sleeps,
    log,
    advance: (ms: number) => (clock += ms),
    /** Resolves once the supervisor is sleeping before its next attempt. */
    nextSleep: async () => {
      await asleep;
      asleep = new Promise<void>((resolveSleep) => (wake = resolveSleep));
    },
    options: {
      policy,
      log: (line: string) => log.push(line),
      now: () => clock,
      sleep: (ms: number) => {
        sleeps.push(ms);
        clock += ms;
        wake();
        return Promise.resolve();
      },
      launch: () => {
        const outcome = outcomes[launches] ?? 'up';
        launches += 1;
        if (outcome === 'fails') return Promise.reject(new Error(`port in use (attempt ${launches})`));
        const server = fakeServer(1000 + launches);
        servers.push(server);
        return Promise.resolve(server);
      },
    },
  };
}

const settle = () => new Promise((resolveLater) => setImmediate(resolveLater));

describe('the dev server supervisor', () => {
  it('restarts a server that ended on its own, after a delay, and says so', async () => {
    const w = world(['up', 'up']);
    const supervised = await superviseDevServer(w.options);
    expect(supervised.current.pid).toBe(1001);
    w.servers[0]?.die('killed by SIGKILL');
    await w.nextSleep();
    await settle();
    expect(supervised.current.pid).toBe(1002);
    expect(w.sleeps).toEqual([1_000]);
    expect(w.log.join('\n')).toMatch(
      /pid 1001\) ended unexpectedly \(killed by SIGKILL\); restarting in 1\.0 s/,
    );
    expect(w.log.join('\n')).toMatch(/restarted at 127\.0\.0\.1:7233 \(pid 1002\)/);
    await supervised.stop();
    expect(w.servers[1]?.stopped).toBe(true);
  });

  it('doubles the delay after each failed attempt, up to the maximum, and gives up after too many', async () => {
    const w = world(['up', 'fails', 'fails', 'fails', 'fails']);
    const supervised = await superviseDevServer(w.options);
    w.servers[0]?.die('exit code 2');
    const reason = await supervised.gaveUp;
    expect(reason.message).toMatch(/port in use \(attempt 5\)/);
    expect(w.sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(w.log.at(-1)).toMatch(/could not be restarted \(4 attempts\).*Giving up/);
  });

  it('keeps doubling for a server that keeps dying young, and starts over after one that ran long', async () => {
    const w = world(['up', 'up', 'up', 'up']);
    await superviseDevServer(w.options);
    w.servers[0]?.die('killed by SIGKILL');
    await w.nextSleep();
    await settle();
    w.servers[1]?.die('killed by SIGKILL');
    await w.nextSleep();
    await settle();
    expect(w.sleeps).toEqual([1_000, 2_000]);
    w.advance(policy.stableAfterMs);
    w.servers[2]?.die('killed by SIGKILL');
    await w.nextSleep();
    expect(w.sleeps).toEqual([1_000, 2_000, 1_000]);
  });

  it('does not restart a server it was told to stop, and never reports giving up then', async () => {
    const w = world(['up']);
    const supervised = await superviseDevServer(w.options);
    await supervised.stop();
    expect(w.servers[0]?.stopped).toBe(true);
    expect(w.sleeps).toEqual([]);
    const outcome = await Promise.race([
      supervised.gaveUp.then(() => 'gave up'),
      settle().then(() => 'quiet'),
    ]);
    expect(outcome).toBe('quiet');
  });
});
