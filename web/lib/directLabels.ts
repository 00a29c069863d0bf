/**
 * Labels at the ends of lines, moved apart just enough not to overlap: each label wants the
 * y of its line's last point; labels closer than `gap` are pushed apart, keeping their order
 * and staying within [top, bottom] where there is room. Pure, for the chart panels.
 */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const ys = order.map((o) => Math.min(bottom, Math.max(top, o.y)));
  // Push down from the top, then back up from the bottom, so the block fits where it can.
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k], ys[k - 1] + gap);
  if (ys.length > 0 && ys[ys.length - 1] > bottom) {
    ys[ys.length - 1] = Math.max(bottom, top + gap * (ys.length - 1));
    for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k], ys[k + 1] - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = ys[k]));
  return out;
}

/** The last finite value of a series and its index, or undefined when there is none. */
export function lastFinite(values: ArrayLike<number>, limit = values.length): { index: number; value: number } | undefined {
  for (let k = Math.min(limit, values.length) - 1; k >= 0; k--) if (Number.isFinite(values[k])) return { index: k, value: values[k] };
  return undefined;
}

/** Text shortened to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** At most this many lines get end labels, and only in a panel at least this wide (px). */
export const MAX_LABELLED = 4;
export const MIN_LABELLED_WIDTH = 300;

/** Whether a panel `width` px wide with `lines` lines labels them at their ends (else it shows a key). */
export function endLabelled(lines: number, width: number): boolean {
  return lines > 0 && lines <= MAX_LABELLED && width >= MIN_LABELLED_WIDTH;
}
