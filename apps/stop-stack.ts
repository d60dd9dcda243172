/**
 * What a process started, stopped in reverse order when it ends — by a signal, by a failure at start,
 * or by a part that failed while running — so that no child (the Temporal dev server) and no lock (the
 * embedded store's) outlives it. Each stop runs once and a failing one does not keep the others from
 * running.
 */
export class StopStack {
  private readonly stops: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly exit: (code: number) => void = (code) => process.exit(code),
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {}

  push(stop: () => Promise<void>): void {
    this.stops.push(stop);
  }

  /** A part failed while running: say which and why, stop everything, exit 1. */
  fail(what: string, error: unknown): Promise<void> {
    this.log(`Stopping: ${what}: ${error instanceof Error ? error.message : String(error)}`);
    return this.stopAll(undefined, 1);
  }

  stopAll(signal: string | undefined, exitCode: number): Promise<void> {
    this.stopping ??= (async () => {
      if (signal) console.log(`\n${signal}: stopping…`);
      for (const stop of this.stops.reverse()) {
        await stop().catch((error: unknown) => this.log(`While stopping: ${String(error)}`));
      }
      this.exit(exitCode);
    })();
    return this.stopping;
  }
}
