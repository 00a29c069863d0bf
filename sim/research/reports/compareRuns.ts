/**
 * One quantity of a scenario against another set of runs with the same seeds (its reference
 * or a counterfactual), over a span: each side's mean with a percentile-bootstrap interval
 * (levelInterval.ts) and the paired-seed difference with its t interval (pairedDiff.ts).
 */
import type { Result } from '../../run/result.ts';
import { valueOver, formatValue, type Quantity, type Span } from './findingQuantities.ts';
import { levelInterval, type LevelInterval } from './levelInterval.ts';
import { pairedDiff, type PairedDiff, type SeedSample } from './pairedDiff.ts';

export interface Comparison {
  quantity: Quantity;
  value: LevelInterval;
  /** The other side's level and the difference; undefined without another side, or where it lacks the quantity. */
  other?: LevelInterval;
  diff?: PairedDiff;
}

function sample(runs: readonly Result[], q: Quantity, span: Span): SeedSample | undefined {
  const values: number[] = [];
  for (const r of runs) {
    const v = valueOver(r, q, span);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return { seeds: runs.map((r) => r.seed), values };
}

/** `q` of `runs` over `span`, and against `other` (paired by seed) when given; undefined if `runs` lack it. */
export function compareRuns(runs: readonly Result[], other: readonly Result[] | undefined, q: Quantity, span: Span): Comparison | undefined {
  const a = sample(runs, q, span);
  if (!a) return undefined;
  const b = other ? sample(other, q, span) : undefined;
  return { quantity: q, value: levelInterval(a.values), ...(b ? { other: levelInterval(b.values), diff: pairedDiff(a, b) } : {}) };
}

/** "higher", "lower" or "not distinguishable" from the interval of the difference. */
export function direction(d: PairedDiff): 'higher' | 'lower' | 'not distinguishable' {
  if (d.lo > 0) return 'higher';
  if (d.hi < 0) return 'lower';
  return 'not distinguishable';
}

/** `mean [lo, hi]` in the quantity's unit. */
export const showLevel = (unit: string, l: LevelInterval): string => `${formatValue(unit, l.mean)} [${formatValue(unit, l.lo)}, ${formatValue(unit, l.hi)}]`;

/** `+d [+lo, +hi]` in the quantity's unit. */
export const showDiff = (unit: string, d: PairedDiff): string => `${formatValue(unit, d.mean, true)} [${formatValue(unit, d.lo, true)}, ${formatValue(unit, d.hi, true)}]`;

/** A sentence on one comparison: "label: higher than in <other>, X (difference a to b)." */
export function compareSentence(label: string, c: Comparison, otherName: string): string {
  const unit = c.quantity.unit;
  if (!c.diff || !c.other) return `${label}: ${formatValue(unit, c.value.mean)} (${otherName} has no such value).`;
  const range = `${formatValue(unit, c.diff.lo, true)} to ${formatValue(unit, c.diff.hi, true)}`;
  const dir = direction(c.diff);
  if (dir === 'not distinguishable') return `${label}: not distinguishable from ${otherName}, ${formatValue(unit, c.value.mean)} against ${formatValue(unit, c.other.mean)} (difference ${range}).`;
  return `${label}: ${dir} than in ${otherName}, ${formatValue(unit, c.value.mean)} against ${formatValue(unit, c.other.mean)} (difference ${range}).`;
}
