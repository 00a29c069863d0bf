import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import { emptySample, SAMPLE_UNEMPLOYED, SAMPLE_VACANT, type AgentSample } from '../../sim/run/agentSample.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { groupKey, layoutAgents, markRadius, maxBudget, monthSentence, monthStats, placeMonth } from '../../web/lib/agentLayout.ts';

/** A made-up sample: rows[m][k] = [uid, firm, firmType, level, budget]. */
function sample(rows: [number, number, number, number, number][][]): AgentSample {
  const s = emptySample(rows[0].length, rows.length);
  rows.forEach((row, m) =>
    row.forEach(([uid, firm, type, level, budget], k) => {
      const i = m * s.count + k;
      [s.uid[i], s.firm[i], s.firmType[i], s.level[i], s.budget[i]] = [uid, firm, type, level, budget];
    }),
  );
  return s;
}

const U = SAMPLE_UNEMPLOYED;
const V = SAMPLE_VACANT;

// Month 0: three at firm 2 (type 0), one at firm 5 (type 1), one out of work.
// Month 1: uid 1 moves to firm 5, uid 2 is laid off, uid 5 is hired at firm 2, uid 3 leaves (place vacant).
const tiny = sample([
  [[1, 2, 0, 0, 0], [2, 2, 0, 1, 1000], [3, 2, 0, 2, 2000], [4, 5, 1, 3, 4000], [5, U, -1, 0, 0]],
  [[1, 5, 1, 0, 0], [2, U, -1, 1, 0], [-1, V, -1, 0, 0], [4, 5, 1, 3, 4000], [5, 2, 0, 0, 500]],
]);

describe('the engineers view layout', () => {
  it('groups by firm type, then firm, with the out of work last, each sized for its fullest month', () => {
    const l = layoutAgents(tiny, ['bigtech', 'startup'], 400);
    expect(l.groups.map((g) => [g.type, g.firm, g.capacity])).toEqual([
      [0, 2, 3],
      [1, 5, 2],
      [-1, -1, 1],
    ]);
    expect(l.sections.map((s) => s.label)).toEqual(['bigtech', 'startup', 'out of work']);
    // Sections stack downwards.
    expect(l.sections[1].y).toBeGreaterThan(l.sections[0].y);
    expect(l.height).toBeGreaterThan(l.sections[2].y);
  });

  it('puts each mark inside its group, none on another, and hides vacant places', () => {
    const l = layoutAgents(tiny, ['bigtech', 'startup'], 400);
    const at = placeMonth(l, tiny, 1);
    expect(Number.isNaN(at[4])).toBe(true);
    const firm5 = l.groups[l.index.get(groupKey(5, 1)!)!];
    for (const k of [0, 3]) {
      expect(at[2 * k]).toBeGreaterThan(firm5.x);
      expect(at[2 * k]).toBeLessThan(firm5.x + firm5.width);
      expect(at[2 * k + 1]).toBeGreaterThan(firm5.y);
      expect(at[2 * k + 1]).toBeLessThan(firm5.y + firm5.height);
    }
    expect(`${at[0]},${at[1]}`).not.toBe(`${at[6]},${at[7]}`);
  });

  it('counts moves, hires, lay-offs and leavers against the month before', () => {
    expect(monthStats(tiny, 0)).toEqual({ employed: 4, unemployed: 1, firms: 2, moved: 0, hired: 0, laidOff: 0, left: 0 });
    expect(monthStats(tiny, 1)).toEqual({ employed: 3, unemployed: 1, firms: 2, moved: 1, hired: 1, laidOff: 1, left: 1 });
    expect(monthSentence(monthStats(tiny, 1), 5)).toBe('3 of 5 employed at 2 firms, 1 out of work; this month 1 hired, 1 moved firm, 1 lost their job, 1 left the occupation.');
  });

  it('sizes marks by token budget between a floor and half a cell', () => {
    expect(maxBudget(tiny)).toBe(4000);
    expect(markRadius(0, 4000, 10)).toBe(1.5);
    expect(markRadius(4000, 4000, 10)).toBe(5);
    expect(markRadius(1000, 4000, 10)).toBeCloseTo(1.5 + 3.5 * 0.5);
    expect(markRadius(1000, 0, 10)).toBe(1.5);
  });

  it('lays out a real run’s sample the same way every time, with no two marks of a month on one spot', () => {
    const p = cloneParams(DEFAULTS);
    [p.run.engineers, p.run.years] = [600, 2];
    const r = simulate(p, 3, { agents: 120 });
    const s = r.agents!;
    const a = layoutAgents(s, r.firmTypes, 500);
    const b = layoutAgents(s, r.firmTypes, 500);
    expect(a.groups).toEqual(b.groups);
    for (const m of [0, s.months - 1]) {
      const at = placeMonth(a, s, m);
      expect([...at]).toEqual([...placeMonth(b, s, m)]);
      const spots = new Set<string>();
      let drawn = 0;
      for (let k = 0; k < s.count; k++) {
        if (Number.isNaN(at[2 * k])) continue;
        drawn++;
        spots.add(`${at[2 * k]},${at[2 * k + 1]}`);
        expect(at[2 * k]).toBeLessThanOrEqual(500);
        expect(at[2 * k + 1]).toBeLessThanOrEqual(a.height);
      }
      expect(spots.size).toBe(drawn);
      const st = monthStats(s, m);
      expect(st.employed + st.unemployed).toBe(drawn);
    }
  });
});
