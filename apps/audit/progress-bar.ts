/**
 * A one-line progress bar on stderr, shown only when stderr is a terminal, so that piping `--json` output
 * or running in CI prints nothing but the result.
 */
import type { Progress } from '../../infra/audit/verify';

const WIDTH = 30;
const REDRAW_EVERY_MS = 100;

export interface ProgressBar {
  update(progress: Progress): void;
  done(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  const started = Date.now();
  let drawn = 0;
  let shown = false;
  return {
    update(progress) {
      const now = Date.now();
      if (now - drawn < REDRAW_EVERY_MS) return;
      drawn = now;
      shown = true;
      const rate = Math.round(progress.entries / Math.max((now - started) / 1000, 0.001));
      const total = progress.lastPosition;
      const counts = `${progress.entries.toLocaleString('en-US')} events, ${rate.toLocaleString('en-US')}/s`;
      if (total === undefined || total === 0n) {
        stream.write(`\r${label}: ${counts}\u001b[K`);
        return;
      }
      const fraction = Math.min(Number(progress.position) / Number(total), 1);
      const filled = Math.round(fraction * WIDTH);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${counts}\u001b[K`,
      );
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
