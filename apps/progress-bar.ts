/**
 * The command-line tools' progress (`npm run audit`, `npm run simulate`): one line on stderr, redrawn in
 * place, shown only when stderr is a terminal, so that piping `--json` output or running in CI prints
 * nothing but the result.
 */
import type { Progress } from '../audit/shared/progress';

const WIDTH = 30;
const REDRAW_EVERY_MS = 100;

export interface ProgressBar<P> {
  readonly update: (progress: P) => void;
  readonly done: () => void;
}

/** What one update shows: how far along (0..1) when that is known, and the words after the bar. */
export interface ProgressLine {
  readonly fraction?: number | undefined;
  readonly text: string;
}

/** A bar whose line `describe` makes of each update; `label` (if any) leads the line. */
export function progressBar<P>(
  label: string | undefined,
  describe: (progress: P) => ProgressLine,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar<P> {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let drawn = 0;
  let shown = false;
  return {
    update(progress) {
      const now = Date.now();
      // A terminal redrawn thousands of times a second spends the run's time on drawing.
      if (now - drawn < REDRAW_EVERY_MS) return;
      drawn = now;
      shown = true;
      const line = lineOf(label, describe(progress));
      // A line wider than the terminal wraps, and `\r` would then redraw only its last part.
      const columns = stream.columns ?? 100;
      stream.write(`\r${line.slice(0, columns - 1)}\u001b[K`);
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}

function lineOf(label: string | undefined, { fraction, text }: ProgressLine): string {
  if (fraction === undefined) return label === undefined ? text : `${label}: ${text}`;
  const share = Math.min(Math.max(fraction, 0), 1);
  const filled = Math.round(share * WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%`;
  return `${label === undefined ? '' : `${label} `}${bar} ${text}`;
}

export interface Count {
  readonly done: number;
  readonly total?: number | undefined;
  /** Fills the bar when counts alone do not say how far along it is (a log read by position). */
  readonly fraction?: number | undefined;
}

/** Counts things of one kind (`unit`: events, steps, runs) towards a total when one is known. */
export function countingBar(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar<Count> {
  const started = Date.now();
  return progressBar<Count>(
    label,
    ({ done, total, fraction }) => {
      const perSecond = done / Math.max((Date.now() - started) / 1000, 0.001);
      const rate = perSecond < 100 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en-US');
      const known = total !== undefined && total > 0;
      const of = known ? ` of ${total.toLocaleString('en-US')}` : '';
      return {
        fraction: fraction ?? (known ? done / total : undefined),
        text: `${done.toLocaleString('en-US')} ${unit}, ${rate}/s${of}`,
      };
    },
    stream,
  );
}

/** Events read from the log, as far as its last position. */
export function logReadingBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar<Progress> {
  const bar = countingBar(label, 'events', stream);
  return {
    update(progress) {
      const last = progress.lastPosition;
      // Positions, not counts, say how far through the log a reader is (a town's events are a few of them).
      const fraction =
        last === undefined || last === 0n ? undefined : Number(progress.position) / Number(last);
      bar.update({ done: progress.entries, fraction });
    },
    done: () => bar.done(),
  };
}
