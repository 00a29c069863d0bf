import { describe, expect, it } from 'vitest';
import type { SummarySeries } from '../../sim/research/ensemble.ts';
import { CHARTS, type PanelSpec } from '../../web/lib/chartSpecs.ts';
import { panelTable } from '../../web/lib/chartTable.ts';
import type { DisplaySlot } from '../../web/lib/display.ts';

function slot(index: number, label: string, months: number, value: (key: string, k: number) => number, n = 2, partial = false): DisplaySlot {
  const series = new Map<string, SummarySeries>();
  for (const c of CHARTS) {
    for (const p of c.panels) {
      for (const r of p.kind === 'line' ? p.series : p.rows) {
        const key = `${r.metric}|${r.group}`;
        const mean = Array.from({ length: months }, (_, k) => value(key, k));
        series.set(key, { metric: r.metric, group: r.group, mean, lo95: mean.map((v) => v - 1), hi95: mean.map((v) => v + 1) } as unknown as SummarySeries);
      }
    }
  }
  return { index, label, colour: '#000', shape: 'circle', summary: { seeds: [1, 2].slice(0, n), n, months, series }, stale: false, partial: partial ? { monthsDone: 3, months } : undefined };
}

const panel = (chart: string, id: string): PanelSpec => CHARTS.find((c) => c.id === chart)!.panels.find((p) => p.id === id)!;

describe('the tables behind the charts', () => {
  it('gives a line panel one row per year and a column per scenario and series, with intervals', () => {
    const t = panelTable(panel('substitution', 'headcount'), [slot(0, 'a', 30, (_, k) => 1000 + k), slot(1, 'b', 30, () => 2000, 1)]);
    expect(t.columns).toEqual(['a: headcount', 'a: CFO target', 'b: headcount', 'b: CFO target']);
    expect(t.rows.map((r) => r.head)).toEqual(['year 1', 'year 2', 'month 30']);
    expect(t.rows[0].cells[0]).toBe('1,011 (1,010 – 1,012)');
    expect(t.rows[0].cells[2]).toBe('2,000');
    expect(t.caption).toMatch(/^Headcount and the CFOs’ target \(engineers/);
  });
  it('gives a dot panel one row per series at the horizon, leaving out partial runs', () => {
    const t = panelTable(panel('wealth', 'by-level'), [slot(0, 'a', 12, () => 5e5), slot(1, 'b', 12, () => 1, 2, true)]);
    expect(t.columns).toEqual(['a']);
    expect(t.rows.map((r) => r.head)).toEqual(['junior', 'mid', 'senior', 'staff']);
    expect(t.rows[0].cells).toEqual(['$500k ($500k – $500k)']);
  });
});
