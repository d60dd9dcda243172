import { once } from 'node:events';
import { spawnTool } from '../../helpers/tool-process';

/** One of our processes (`npm run start:api`, `start:worker`) started as a deployment starts it. */
export interface RunningProcess {
  readonly name: string;
  /** Settles once the process has written its start-up line; fails if it exits first. */
  readonly ready: Promise<void>;
  /** An address on the process's HTTP port. */
  url(path: string): string;
  /** Waits (bounded) until `/api/health/ready` answers 200. */
  untilReady(timeoutMs?: number): Promise<void>;
  /** SIGKILL: the process dies as a crashed machine's would, with no shutdown of its own. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not ended within ten seconds. */
  stop(): Promise<void>;
}

export function startProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  startedLine: RegExp,
  http: { readonly port?: number } = {},
): RunningProcess {
  const child = spawnTool(script, [], env);
  child.stdin.end();
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  const ready = new Promise<void>((resolveReady, reject) => {
    const check = () => {
      if (startedLine.test(output)) resolveReady();
      else if (ended()) reject(new Error(`${name} exited before it started:\n${output}`));
      else setTimeout(check, 100);
    };
    check();
  });
  const url = (path: string) => `http://127.0.0.1:${http.port ?? 0}${path}`;
  const signal = async (how: NodeJS.Signals) => {
    if (ended()) return;
    child.kill(how);
    await exited;
  };
  return {
    name,
    ready,
    url,
    untilReady: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await fetch(url('/api/health/ready')).then(
          (answer) => answer.status,
          () => 0,
        );
        if (status === 200) return;
        if (ended() || Date.now() > deadline) throw new Error(`${name} not ready (${status}):\n${output}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 200));
      }
    },
    kill: () => signal('SIGKILL'),
    stop: async () => {
      if (ended()) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await signal('SIGTERM');
      clearTimeout(force);
    },
  };
}
