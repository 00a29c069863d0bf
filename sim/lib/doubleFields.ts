/**
 * V8 stores an object's number field as a small integer while it has only held integers, and
 * changes the layout of every object of that shape the first time one holds a fraction: every
 * function optimised for the old layout is thrown away and compiled again. A field that starts
 * at 0 or 1 and gets its first fraction months into a run (firms' agent compute when agents
 * first pay, the market's capability after month 1) does that in the middle of the monthly
 * loop. storeAsDoubles makes the listed fields doubles when the object is made: each is set to
 * a fraction and back, so its value is unchanged.
 */
type NumberKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T];

export function storeAsDoubles<T extends object>(o: T, keys: readonly NumberKeys<T>[]): T {
  const r = o as Record<NumberKeys<T>, number>;
  for (const k of keys) {
    const v = r[k];
    r[k] = 0.5;
    r[k] = v;
  }
  return o;
}
