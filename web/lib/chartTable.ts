/**
 * The numbers behind a chart panel as a table a screen reader can read (and anyone can open):
 * for a line panel, one row per year with each scenario's and series' mean and 95 % interval;
 * for a dot panel, one row per series with each scenario's value at the horizon. Scenarios
 * still on their first seed's partial run are left out, as in the takeaways. Pure.
 */
import { seriesKey, unitOf, type PanelSpec } from './chartSpecs.ts';
import type { DisplaySlot } from './display.ts';
import { formatValue } from './format.ts';
import { atHorizon } from './summaries.ts';

export interface PanelTable {
  caption: string;
  /** Header of the first column, then one header per data column. */
  corner: string;
  columns: string[];
  rows: { head: string; cells: string[] }[];
}

const cell = (unit: string, mean: number, lo: number, hi: number, n: number): string => {
  if (!Number.isFinite(mean)) return '–';
  const v = formatValue(unit, mean);
  return n > 1 && Number.isFinite(lo) && Number.isFinite(hi) ? `${v} (${formatValue(unit, lo)} – ${formatValue(unit, hi)})` : v;
};

export function panelTable(panel: PanelSpec, slots: readonly DisplaySlot[]): PanelTable {
  const shown = slots.filter((s) => s.summary && !s.partial);
  if (panel.kind === 'dots') {
    const unit = unitOf(panel.rows[0].metric);
    return {
      caption: `${panel.title} (${unit}, mean and 95 % interval at the horizon)`,
      corner: 'series',
      columns: shown.map((s) => s.label),
      rows: panel.rows.map((r) => ({
        head: r.label,
        cells: shown.map((s) => {
          const ser = s.summary!.series.get(seriesKey(r));
          if (!ser) return '–';
          const h = atHorizon(ser);
          return cell(unit, h.mean, h.lo, h.hi, s.summary!.n);
        }),
      })),
    };
  }
  const unit = unitOf(panel.series[0].metric);
  const columns: string[] = [];
  const getters: ((k: number) => string)[] = [];
  for (const s of shown) {
    for (const ser of panel.series) {
      const data = s.summary!.series.get(seriesKey(ser));
      if (!data) continue;
      columns.push(panel.series.length > 1 ? `${s.label}: ${ser.label}` : s.label);
      getters.push((k) => (k < data.mean.length ? cell(unit, data.mean[k], data.lo95[k], data.hi95[k], s.summary!.n) : '–'));
    }
  }
  const months = Math.max(0, ...shown.map((s) => s.summary!.months));
  const rows: PanelTable['rows'] = [];
  for (let m = 12; m <= months; m += 12) rows.push({ head: `year ${m / 12}`, cells: getters.map((g) => g(m - 1)) });
  if (months % 12 !== 0 && months > 0) rows.push({ head: `month ${months}`, cells: getters.map((g) => g(months - 1)) });
  return { caption: `${panel.title} (${unit}, mean and 95 % interval at the end of each year)`, corner: 'time', columns, rows };
}
