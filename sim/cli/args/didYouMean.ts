/**
 * "Did you mean" for misspelt commands, flags and words: the closest known name by edit
 * distance, when it is close enough to be a typo rather than a different word.
 */

/**
 * Edit distance between a and b: insertions, deletions, substitutions and swaps of two
 * neighbouring letters (`rnu` → `run`) each count 1 (optimal string alignment).
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to `typed`, if it is within a typo's reach: at most a third of the
 * longer name's letters differ (at least one), or one is a prefix of the other. Ties go to
 * the first in `known`.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const d = editDistance(typed.toLowerCase(), name.toLowerCase());
    const reach = Math.max(1, Math.floor(Math.max(typed.length, name.length) / 3));
    const prefix = typed.length >= 2 && name.startsWith(typed);
    if ((d <= reach || prefix) && d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean 'x'?` for a message, or '' when nothing known is close. */
export function didYouMean(typed: string, known: readonly string[], show: (name: string) => string = (n) => `'${n}'`): string {
  const name = closest(typed, known);
  return name === undefined || name === typed ? '' : `; did you mean ${show(name)}?`;
}
