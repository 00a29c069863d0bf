/**
 * Progress while simulating: `simulating month 37/120` rewritten in place on stderr, only
 * when stderr is an interactive terminal (so logs, pipes and CI output stay clean).
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
