/**
 * Wording shared by the scenario and sweep validators: dotted paths, what a value is, and
 * "did you mean" suggestions for misspelt names. Pure.
 */

/** `market.events.0.priceFactor`, or `(root)` for the whole document. */
export const formatPath = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(root)' : path.map(String).join('.'));

/** A value's JSON kind: null, array, object, string, number, boolean. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** A value as shown in a message: short strings quoted, numbers and booleans as written, else the kind. */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return kindOf(v);
}

/** The value at `path` in `root`, and whether it is present at all. */
export function lookup(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: node };
}

/** Levenshtein distance, ignoring case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length];
}

/** ` (did you mean "x"?)` for the closest candidate within `limit` edits (and fewer than the name's length), else ''. */
export function suggestion(name: string, candidates: readonly string[], limit = 3): string {
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= limit && bestDistance < name.length ? ` (did you mean "${best}"?)` : '';
}
