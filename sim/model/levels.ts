/**
 * A per-level parameter read by level index. `by[LEVELS[level]]` is a lookup by a name that
 * varies, which V8 answers with a generic keyed load that boxes the number it returns (a heap
 * allocation each time); a load of a named field does not.
 */
import type { ByLevel } from './params.ts';

/** by[LEVELS[level]] (LEVELS: junior, mid, senior, staff). */
export function levelValue(by: ByLevel, level: number): number {
  return level === 0 ? by.junior : level === 1 ? by.mid : level === 2 ? by.senior : by.staff;
}
