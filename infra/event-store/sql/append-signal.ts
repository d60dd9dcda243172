/**
 * "Something was appended": raised by the store after each of its own appends. Live subscriptions wait
 * on it, or for their poll interval (which finds appends made by other processes), whichever is first.
 *
 * The counter closes the race between "read the tail" and "start waiting": a subscription remembers the
 * count before it reads and does not wait at all if it changed meanwhile.
 */
export class AppendSignal {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.count;
  }

  raise(): void {
    this.count += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /**
   * Resolves on the next raise, after `timeoutMs`, or when `interrupt` is called, whichever is first.
   * The timer is cleared in every case, so a stopped subscription leaves nothing behind.
   */
  wait(timeoutMs: number): { readonly woken: Promise<void>; readonly interrupt: () => void } {
    let wake: () => void = () => undefined;
    const woken = new Promise<void>((resolve) => {
      const timer = setTimeout(() => wake(), timeoutMs);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
    });
    return { woken, interrupt: () => wake() };
  }
}
