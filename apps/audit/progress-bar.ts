/**
 * A one-line progress bar on stderr, shown only when stderr is a terminal, so that piping `--json` output
 * or running in CI prints nothing but the result.
 */
import type { Progress } from '../../infra/audit/verify';

const WIDTH = 30;
const REDRAW_EVERY_MS = 100;

export interface CountingBar {
  /** `fraction` fills the bar when counts alone do not say how far along it is (a log read by position). */
  update(progress: {
    readonly done: number;
    readonly total?: number | undefined;
    readonly fraction?: number | undefined;
  }): void;
  done(): void;
}

export interface ProgressBar {
  update(progress: Progress): void;
  done(): void;
}

/** Counts things of one kind (`unit`: events, steps, runs) towards a total when one is known. */
export function countingBar(
  label: string,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): CountingBar {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update({ done, total, fraction: given }) {
      const now = Date.now();
      if (now - drawn < REDRAW_EVERY_MS) return;
      drawn = now;
      shown = true;
      const perSecond = done / Math.max((now - started) / 1000, 0.001);
      const rate = perSecond < 100 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en-US');
      const counts = `${done.toLocaleString('en-US')} ${unit}, ${rate}/s`;
      const known = total !== undefined && total > 0;
      const fraction = given ?? (known ? done / total : undefined);
      if (fraction === undefined) {
        stream.write(`\r${label}: ${counts}\u001b[K`);
        return;
      }
      const filled = Math.round(Math.min(fraction, 1) * WIDTH);
      const of = known ? ` of ${total.toLocaleString('en-US')}` : '';
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(Math.min(fraction, 1) * 100)}% ` +
          `${counts}${of}\u001b[K`,
      );
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
      shown = false;
    },
  };
}

/** Events read from the log, as far as its last position. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
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
