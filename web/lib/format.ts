/**
 * Number formatting for read-outs, axes and labels, chosen by a metric's unit string
 * (sim/run/metricDefs.ts). Pure; the same text appears on screen, in exported images and tests.
 * Percent signs follow the project's style: a narrow no-break space before "%".
 */

/** Narrow no-break space: keeps "27 %" and "$1.2 M"-style pairs on one line. */
export const NNBSP = '\u202f';

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Up to `digits` significant digits, trailing zeros dropped (1.50 → "1.5"). */
export function significant(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const text = Number(v.toPrecision(digits)).toString();
  return text.includes('e') ? v.toExponential(digits - 1) : text;
}

/** 1234 → "1.23k", 2_500_000 → "2.5M"; below 1,000 the number itself (3 significant digits). */
export function compact(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  for (const [size, suffix] of SUFFIXES) {
    // Round first so 999_950 reads "1M", not "1000k".
    if (Number(a.toPrecision(digits)) >= size) return `${v < 0 ? '−' : ''}${significant(a / size, digits)}${suffix}`;
  }
  return `${v < 0 ? '−' : ''}${significant(a, digits)}`;
}

/** Dollars, compact: 375000 → "$375k", 1_250_000 → "$1.25M", 3.2 → "$3.2". */
export function money(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return '–';
  return `${v < 0 ? '−' : ''}$${compact(Math.abs(v), digits)}`;
}

/** A share in [0, 1] as a percentage: 0.2734 → "27.3 %" (3 significant digits, at most 1 decimal above 10 %). */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const p = share * 100;
  const a = Math.abs(p);
  const text = a >= 10 ? p.toFixed(1).replace(/\.0$/, '') : significant(p, 2);
  return `${text.replace('-', '−')}${NNBSP}%`;
}

/** Whole numbers with thousands separators: 10000 → "10,000". */
export function integer(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return Math.round(v)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
    .replace('-', '−');
}

/** How a unit string from metricDefs is shown: shares and probabilities become percentages. */
export type ValueKind = 'money' | 'share' | 'count' | 'price' | 'tokens' | 'number';

/** The kind of number a metric unit describes. */
export function kindOfUnit(unit: string): ValueKind {
  if (unit === '$ per million tokens') return 'price';
  if (unit.startsWith('$')) return 'money';
  if (unit.startsWith('share') || unit.startsWith('probability')) return 'share';
  if (unit.startsWith('million tokens')) return 'tokens';
  if (unit === 'engineers' || unit.startsWith('engineers per') || unit === 'months' || unit.startsWith('firms')) return 'count';
  return 'number';
}

/** A value for a read-out, by unit: "$212k", "27.3 %", "9,604", "$3.41 per M tokens", "1.2T tokens". */
export function formatValue(unit: string, v: number): string {
  switch (kindOfUnit(unit)) {
    case 'money':
      return money(v);
    case 'share':
      return percent(v);
    case 'count':
      return Math.abs(v) >= 100 ? integer(v) : significant(v, 3);
    case 'price':
      return `$${significant(v, 3)}`;
    case 'tokens':
      // The metric is in millions of tokens; show tokens.
      return compact(v * 1e6);
    default:
      return significant(v, 3);
  }
}

/** Short tick text for an axis, by unit. */
export function formatTick(unit: string, v: number): string {
  switch (kindOfUnit(unit)) {
    case 'money':
      return money(v, 2);
    case 'share': {
      const p = v * 100;
      return `${Number(p.toPrecision(3))}${NNBSP}%`.replace('-', '−');
    }
    case 'price':
      return `$${significant(v, 2)}`;
    case 'tokens':
      return compact(v * 1e6, 2);
    case 'count':
      return compact(v, 3);
    default:
      return significant(v, 3);
  }
}

/** The axis label for a unit: shares are shown in percent, tokens in tokens (not millions). */
export function axisUnit(unit: string): string {
  switch (kindOfUnit(unit)) {
    case 'share':
      return unit.replace(/^(share|probability)/, '%');
    case 'tokens':
      return unit.replace(/^million tokens/, 'tokens');
    default:
      return unit;
  }
}

/** Month m (1-based, end of the m-th month) as "year 2, month 6"-style text: "month 18 (year 1.5)". */
export function formatMonth(m: number): string {
  const years = m / 12;
  const y = Number.isInteger(years) ? String(years) : years.toFixed(1).replace(/\.0$/, '');
  return `month ${m} (year ${y})`;
}

/** A parameter value for labels: the shortest text that reads back to the same number. */
export function formatParam(v: number): string {
  if (Number.isInteger(v)) return integer(v);
  return String(Number(v.toPrecision(12)));
}
