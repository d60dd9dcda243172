import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second in /proc (`getconf CLK_TCK`): 100 on Linux on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds (user and system) a process has used so far, from /proc; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    return ticksToMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}

/**
 * A running total of the CPU milliseconds of every process named `name` (`postgres`: the server and its
 * backends). Each reading adds what each process used since the last one, and the whole of a process
 * born since, so a backend that ends takes nothing back from the total (it only loses its last moments).
 */
export function cpuMsOfProcessesNamed(name: string): () => number {
  const last = new Map<number, number>();
  let total = 0;
  return () => {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
        const pid = Number(entry);
        const ms = ticksToMs(stat);
        total += ms - (last.get(pid) ?? 0);
        last.set(pid, ms);
      } catch {
        // The process ended while the list was read.
      }
    }
    return total;
  };
}

/** utime and stime, the 14th and 15th fields; the command name before them may hold spaces. */
function ticksToMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND;
}

/** What each part of the system spent, in CPU milliseconds, between two readings. */
export type CpuByPart = Readonly<Record<string, number>>;

export function cpuSpent(before: CpuByPart, after: CpuByPart): CpuByPart {
  return Object.fromEntries(Object.entries(after).map(([part, ms]) => [part, ms - (before[part] ?? 0)]));
}
