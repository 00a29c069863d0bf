/**
 * The `"start:step:end"` form of a grid axis in sweep files: `"0:0.05:0.5"` is the values
 * 0, 0.05, …, 0.5. Each value is computed as start + i·step (never by adding step again and
 * again, which lets rounding errors pile up) and then rounded to the number of decimal places
 * written in start and step, so `"0.1:0.1:0.3"` gives 0.1, 0.2, 0.3 and not
 * 0.30000000000000004. The end is included when it lies on the grid (within 1e-9 of a step);
 * otherwise the last value is the last one before it. Pure: no `node:` imports.
 */

/** Most values one range may expand to. */
export const MAX_RANGE_VALUES = 10_000;

/** A plain decimal number as JSON writes it: optional minus, digits, optional fraction and exponent. */
const NUMBER = '-?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?';
const RANGE = new RegExp(`^\\s*(${NUMBER})\\s*:\\s*(${NUMBER})\\s*:\\s*(${NUMBER})\\s*$`);

/** Decimal places a number is written with: `0.05` → 2, `5e-3` → 3, `12` → 0. */
export function decimalPlaces(text: string): number {
  const m = /^-?(?:\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return 0;
  const fraction = (m[1] ?? '').length;
  const exponent = m[2] === undefined ? 0 : Number(m[2]);
  return Math.max(0, fraction - exponent);
}

/** True when a grid axis is written as a `start:step:end` string. */
export const isRangeText = (value: unknown): value is string => typeof value === 'string';

/**
 * The values of `"start:step:end"`, or a reason it is not a usable range: three numbers,
 * step not zero and pointing from start to end (negative for a descending range), at most
 * MAX_RANGE_VALUES values.
 */
export function expandRange(text: string): number[] | string {
  const m = RANGE.exec(text);
  if (!m) return `expected "start:step:end" with three numbers, e.g. "0:0.05:0.5" (got ${JSON.stringify(text)})`;
  const [start, step, end] = [m[1], m[2], m[3]].map(Number);
  if (![start, step, end].every(Number.isFinite)) return `start, step and end must be finite numbers (got ${JSON.stringify(text)})`;
  if (step === 0) return `the step of ${JSON.stringify(text)} must not be 0`;
  if (end !== start && Math.sign(end - start) !== Math.sign(step)) {
    return `the step of ${JSON.stringify(text)} goes away from the end (${end < start ? 'a descending range needs a negative step' : 'the step must be positive to go up'})`;
  }
  const span = (end - start) / step;
  const steps = Math.floor(span + 1e-9);
  const count = steps + 1;
  if (count > MAX_RANGE_VALUES) return `${JSON.stringify(text)} gives ${count} values; at most ${MAX_RANGE_VALUES}`;
  const places = Math.min(15, Math.max(decimalPlaces(m[1]), decimalPlaces(m[2])));
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Number((start + i * step).toFixed(places));
    values.push(Object.is(v, -0) ? 0 : v);
  }
  return values;
}
