/** Locale-independent number text for CLI messages and tables (the same on every machine). */

/** Groups the integer digits in threes with commas: 2000000 → "2,000,000", -1234.5 → "-1,234.5". */
export function groupThousands(n: number): string {
  const text = String(n);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text; // NaN, Infinity, exponent notation: as is
  const [int, frac] = text.split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : '.' + frac);
}
