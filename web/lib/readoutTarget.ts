/**
 * Keyboard read-out of a chart panel: which month (line panels) or row (dot panels) a key
 * moves the read-out to. Pure, so the keys are tested without a browser; the panel frame
 * (components/PanelFrame.svelte) applies it.
 */

/** `months`: a line panel's months, left to right; `rows`: a dot panel's rows, top to bottom. */
export type ReadoutAxis = 'months' | 'rows';

/** Where each key moves the read-out from `cur` (before clamping). */
const MOVES: Record<ReadoutAxis, (cur: number, last: number) => Record<string, number>> = {
  months: (cur, last) => ({
    ArrowLeft: cur - 1,
    ArrowRight: cur + 1,
    ArrowDown: cur - 1,
    ArrowUp: cur + 1,
    PageDown: cur - 12,
    PageUp: cur + 12,
    Home: 0,
    End: last,
  }),
  rows: (cur, last) => ({ ArrowDown: cur + 1, ArrowRight: cur + 1, ArrowUp: cur - 1, ArrowLeft: cur - 1, Home: 0, End: last }),
};

/**
 * The read-out position after `key`, clamped to 0…count − 1, or undefined for a key that does
 * not move it (the page then leaves the key alone).
 * - months: ← and ↓ go back a month, → and ↑ on; Page Down / Page Up a year; Home and End the
 *   first and last month. With no read-out yet, keys count from the last month.
 * - rows: ↓ and → go to the next row, ↑ and ← to the previous one; Home and End the first and
 *   last row. With no read-out yet, ↓ gives the first row.
 */
export function readoutTarget(axis: ReadoutAxis, key: string, current: number | undefined, count: number): number | undefined {
  const last = count - 1;
  const moves = MOVES[axis](current ?? (axis === 'months' ? last : -1), last);
  if (!Object.hasOwn(moves, key)) return undefined;
  return Math.min(last, Math.max(0, moves[key]));
}
