import type { ScenarioProgress } from './scenario-driver';
import { localDay } from './simulation-dates';

const WIDTH = 30;

/**
 * One line on stderr, redrawn in place: how far through the programme's calendar the run is, the
 * date on the (skipping) clock and the step under way. Only when stderr is a terminal: redirected
 * output and `--json` consumers get nothing they would have to strip.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  readonly update: (progress: ScenarioProgress) => void;
  readonly done: () => void;
} {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    update: ({ at, label, fraction }) => {
      const filled = Math.round(fraction * WIDTH);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${localDay(at)} ${label}`;
      const columns = stream.columns ?? 100;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(columns - 1)}`);
      drawn = true;
    },
    done: () => {
      if (drawn) stream.write('\r'.padEnd(stream.columns ?? 100) + '\r');
    },
  };
}
