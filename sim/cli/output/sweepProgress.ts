/**
 * The sweep's progress bar on stderr — runs done of the runs to do, runs per second and the
 * time left — rewritten in place, and only when stderr is an interactive terminal, so logs,
 * pipes and batch-job output stay clean. The clock is passed in (tests use a fake one).
 */

const BAR_WIDTH = 24;

/** `1:05`, `1:02:03`; `--:--` when unknown. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `[#########---------------] 12/40 runs · 1.85 runs/s · ETA 0:15` */
export function formatSweepProgress(done: number, total: number, elapsedSeconds: number): string {
  const share = total > 0 ? done / total : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const rateText = done > 0 && elapsedSeconds > 0 ? `${rate.toFixed(rate >= 10 ? 1 : 2)} runs/s` : '-- runs/s';
  const eta = done > 0 && rate > 0 ? formatDuration((total - done) / rate) : '--:--';
  return `${bar} ${done}/${total} runs · ${rateText} · ETA ${eta}`;
}

export interface SweepProgress {
  /** Call once per finished run. */
  tick(): void;
  /** Clears the line. */
  done(): void;
}

/** A progress bar over `total` runs, writing to `write` when `enabled`; `now` is in milliseconds. */
export function sweepProgress(write: (text: string) => void, enabled: boolean, total: number, now: () => number): SweepProgress {
  if (!enabled) return { tick: () => undefined, done: () => undefined };
  const start = now();
  let finished = 0;
  const draw = (): void => write(`\r\x1b[2K${formatSweepProgress(finished, total, (now() - start) / 1000)}`);
  draw();
  return {
    tick() {
      finished += 1;
      draw();
    },
    done() {
      write('\r\x1b[2K');
    },
  };
}
