/**
 * The σ × autonomy-growth map (docs/headcount-map.json, written by `npm run map`): the
 * diverging colour of a change, where the reader's settings fall on the grid, and the table
 * behind it. Pure.
 */
import { interpolateRdBu } from 'd3';
import type { HeadcountMap as MapFile } from '../../sim/research/reports/headcountMap.ts';

export type { MapValue } from '../../sim/research/reports/headcountMap.ts';

/** The file `npm run map` writes: the map and the command that made it. */
export type HeadcountMap = MapFile & { command: string };

/** What the map shows: headcount, or pay (the cash wage). */
export type MapMeasure = 'headcount' | 'cash';

export const MEASURE_LABEL: Record<MapMeasure, string> = { headcount: 'Headcount', cash: 'Pay (cash wage)' };

/** The cell at σ index i and autonomy index j (undefined if the file lacks it). */
export function mapCell(map: HeadcountMap, i: number, j: number): HeadcountMap['cells'][number] | undefined {
  const s = map.sigmas[i];
  const a = map.autonomyGrowth[j];
  return map.cells.find((c) => c.sigma === s && c.autonomyGrowth === a);
}

/** The largest size of change on the map, for a colour scale symmetric around 0 (at least 1 %). */
export function mapExtent(map: HeadcountMap, measure: MapMeasure): number {
  let max = 0.01;
  for (const c of map.cells) {
    const v = Math.abs(c[measure].change);
    if (Number.isFinite(v) && v > max) max = v;
  }
  return max;
}

/** Colour of a change: red for fewer / less, blue for more, white for none; grey when unknown. */
export function divergingColour(change: number, extent: number): string {
  if (!Number.isFinite(change)) return '#cccccc';
  const t = Math.max(-1, Math.min(1, change / extent));
  return interpolateRdBu(0.5 + t / 2);
}

/** Text colour readable on a cell of that change: white on the strong ends, else near black. */
export function textOn(change: number, extent: number): string {
  return Number.isFinite(change) && Math.abs(change / extent) > 0.55 ? '#ffffff' : '#1a1a1a';
}

/** A change as a signed percentage: "+3.8 %", "−41 %"; `short` (for narrow cells): "+4", "−41". */
export function formatChange(v: number, short = false): string {
  if (!Number.isFinite(v)) return '–';
  const pct = v * 100;
  const digits = short || Math.abs(pct) >= 10 ? 0 : 1;
  const text = Math.abs(pct).toFixed(digits);
  const unit = short ? '' : ' %';
  if (Number(text) === 0) return `0${unit}`;
  return `${pct < 0 ? '−' : '+'}${text}${unit}`;
}

/**
 * Where `v` falls among the ascending grid `values`, in cell units: k for the k-th value, and
 * in between linearly; clamped to the first and last value (`outside` says it was).
 */
export function gridPosition(values: readonly number[], v: number): { at: number; nearest: number; outside: boolean } {
  const last = values.length - 1;
  if (!(v > values[0])) return { at: 0, nearest: 0, outside: v < values[0] };
  if (v >= values[last]) return { at: last, nearest: last, outside: v > values[last] };
  let k = 0;
  while (values[k + 1] < v) k++;
  const at = k + (v - values[k]) / (values[k + 1] - values[k]);
  return { at, nearest: Math.round(at), outside: false };
}

/** The reader's point on the map: σ along the columns, autonomy growth along the rows. */
export function mapPoint(map: HeadcountMap, sigma: number, autonomyGrowth: number) {
  const x = gridPosition(map.sigmas, sigma);
  const y = gridPosition(map.autonomyGrowth, autonomyGrowth);
  return { x, y, cell: mapCell(map, x.nearest, y.nearest), outside: x.outside || y.outside };
}

/** The numbers behind the map: a row per autonomy growth, a column per σ, each cell the change and its 95 % interval. */
export function mapTable(map: HeadcountMap, measure: MapMeasure) {
  return {
    caption: `${MEASURE_LABEL[measure]}: change at year ${map.years} against AI frozen (mean and 95 % interval over ${map.seeds.length} seeds)`,
    corner: 'autonomy growth \\ σ',
    columns: map.sigmas.map((s) => `σ ${s}`),
    rows: map.autonomyGrowth.map((a, j) => ({
      head: `${a} × per year`,
      cells: map.sigmas.map((_, i) => {
        const v = mapCell(map, i, j)?.[measure];
        return v ? `${formatChange(v.change)} (${formatChange(v.lo95)} – ${formatChange(v.hi95)})` : '–';
      }),
    })),
  };
}

/** The seeds as a range when consecutive ("1–10"), else listed. */
export function seedsText(seeds: readonly number[]): string {
  if (seeds.length > 1 && seeds.every((s, k) => k === 0 || s === seeds[k - 1] + 1)) return `${seeds[0]}–${seeds[seeds.length - 1]}`;
  return seeds.join(', ');
}
