/**
 * Progress on stderr — months of one simulation, or runs of many (`runs 12/30 · 2.4 runs/s ·
 * ETA 8s`) — rewritten in place, only when stderr is an interactive terminal (so logs, pipes
 * and CI output stay clean).
 */

/** The progress text for a month done out of a total. */
export function formatProgress(month: number, months: number): string {
  const pct = months > 0 ? Math.floor((100 * month) / months) : 100;
  return `simulating month ${month}/${months} (${pct}%)`;
}

export interface ProgressReporter {
  /** Pass as `simulate`'s `onMonth`. */
  onMonth: (month: number, months: number) => void;
  /** Clears the progress line; call once the simulation has ended (or failed). */
  done: () => void;
}

/** A reporter writing to `write` when `enabled`, and doing nothing otherwise. */
export function progressReporter(write: (text: string) => void, enabled: boolean): ProgressReporter {
  if (!enabled) return { onMonth: () => undefined, done: () => undefined };
  let shown = false;
  return {
    onMonth(month, months) {
      write(`\r\x1b[2K${formatProgress(month, months)}`);
      shown = true;
    },
    done() {
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** A duration as `42s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The progress text for runs: `runs 12/30 (40%) · 2.4 runs/s · elapsed 5s · ETA 8s`.
 * Rate and ETA appear once a run has finished.
 */
export function formatRunsProgress(done: number, total: number, elapsedSeconds: number): string {
  const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
  const parts = [`runs ${done}/${total} (${pct}%)`];
  if (done > 0 && elapsedSeconds > 0) {
    const rate = done / elapsedSeconds;
    parts.push(`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} runs/s`);
    parts.push(`elapsed ${formatDuration(elapsedSeconds)}`);
    if (done < total) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
  } else {
    parts.push(`elapsed ${formatDuration(elapsedSeconds)}`);
  }
  return parts.join(' · ');
}

export interface RunsProgress {
  /** Call as each run finishes: (runs done, runs in all). */
  onRunDone: (done: number, total: number) => void;
  /** Clears the progress line and stops the clock; call once the runs have ended (or failed). */
  done: () => void;
}

/**
 * Progress of many runs, rewritten in place on stderr when `enabled` (a terminal), doing
 * nothing otherwise. Redrawn as runs finish (at most every 100 ms) and every second, so the
 * elapsed time moves during a long single run. `now` (milliseconds) is injectable for tests.
 */
export function runsProgress(
  write: (text: string) => void,
  enabled: boolean,
  total: number,
  now: () => number = () => performance.now(),
): RunsProgress {
  if (!enabled) return { onRunDone: () => undefined, done: () => undefined };
  const start = now();
  let runsDone = 0;
  let lastDraw = -Infinity;
  let shown = false;
  const draw = (): void => {
    lastDraw = now();
    write(`\r\x1b[2K${formatRunsProgress(runsDone, total, (lastDraw - start) / 1000)}`);
    shown = true;
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  draw();
  return {
    onRunDone(done) {
      runsDone = done;
      if (now() - lastDraw >= 100 || done === total) draw();
    },
    done() {
      clearInterval(timer);
      if (shown) write('\r\x1b[2K');
      shown = false;
    },
  };
}
