import { describe, expect, it } from 'vitest';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { packResult, unpackResult } from '../../sim/run/result.ts';
import { SAMPLE_UNEMPLOYED, SAMPLE_VACANT } from '../../sim/run/agentSample.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';

function params(engineers = 400, years = 2) {
  const p = cloneParams(DEFAULTS);
  [p.run.engineers, p.run.years] = [engineers, years];
  return p;
}

describe('the sample of engineers (simulate options.agents)', () => {
  it('leaves the run’s series and result hash exactly as they are', () => {
    const plain = simulate(params(), 4);
    const sampled = simulate(params(), 4, { agents: 50 });
    expect(sampled.resultHash).toBe(plain.resultHash);
    expect(plain.agents).toBeUndefined();
    expect(sampled.agents!.count).toBe(50);
    expect(sampled.agents!.months).toBe(24);
  });

  it('is the same for the same seed, and records each followed person as the engine holds them', () => {
    const a = simulate(params(), 7, { agents: 30 }).agents!;
    const checked: number[] = [];
    const b = simulate(params(), 7, {
      agents: 30,
      inspect: (w) => {
        const base = w.month * 30;
        for (let i = 0; i < w.eng.n; i++) {
          for (let k = 0; k < 30; k++) {
            if (a.uid[base + k] !== w.eng.uid[i]) continue;
            const slot = w.eng.employer[i];
            expect(a.firm[base + k]).toBe(slot === UNEMPLOYED ? SAMPLE_UNEMPLOYED : slot);
            expect(a.level[base + k]).toBe(w.eng.level[i]);
            checked.push(k);
          }
        }
      },
    }).agents!;
    expect(Array.from(b.uid)).toEqual(Array.from(a.uid));
    expect(Array.from(b.budget)).toEqual(Array.from(a.budget));
    expect(checked.length).toBe(30 * 24);
  });

  it('spreads month 0’s places evenly over the population, and gives a leaver’s place to an entrant', () => {
    const p = params(300, 3);
    p.engineers.retirementRatePerYear = 0.3; // many leave, many enter
    const s = simulate(p, 2, { agents: 10 }).agents!;
    expect(Array.from(s.uid.subarray(0, 10))).toEqual([15, 45, 75, 105, 135, 165, 195, 225, 255, 285]);
    const last = s.uid.subarray((s.months - 1) * 10);
    expect(Array.from(last).some((uid) => uid >= 300)).toBe(true); // entrants hold places by year 3
    let vacant = 0;
    for (const f of s.firm) if (f === SAMPLE_VACANT) vacant += 1;
    expect(vacant).toBe(0);
  });

  it('fills places with the earliest entrants not yet followed, however many fall vacant in a month', () => {
    const p = params(500, 3);
    p.engineers.retirementRatePerYear = 0.6;
    const k = 450;
    const rows = simulate(p, 5, { agents: k }).agents!.uid;
    let nextEntrant = 500; // the month-0 population's uids are 0..499
    let busiest = 0;
    // The same run again (the sample changes nothing in it), its world checked against the sample.
    simulate(p, 5, {
      inspect: (w) => {
        const now = new Set(rows.subarray(w.month * k, (w.month + 1) * k));
        const before = new Set(w.month > 0 ? rows.subarray((w.month - 1) * k, w.month * k) : []);
        const taken = w.month > 0 ? [...now].filter((uid) => uid >= 0 && !before.has(uid)) : [];
        // Vacant places, in place order, go to entrants in uid order.
        const byPlace = Array.from(rows.subarray(w.month * k, (w.month + 1) * k)).filter((uid) => taken.includes(uid));
        expect(byPlace).toEqual([...byPlace].sort((x, y) => x - y));
        busiest = Math.max(busiest, taken.length);
        const last = taken.length > 0 ? Math.max(...taken) : nextEntrant - 1;
        for (const uid of taken) expect(uid).toBeGreaterThanOrEqual(nextEntrant);
        for (let i = 0; i < w.eng.n; i++) {
          const uid = w.eng.uid[i];
          // No entrant passed over: every one from nextEntrant up to the last taken is followed,
          // and none is left out while a place stands vacant.
          if (uid >= nextEntrant && uid <= last) expect(now.has(uid)).toBe(true);
          if (uid >= nextEntrant && now.has(-1)) expect(now.has(uid)).toBe(true);
        }
        if (taken.length > 0) nextEntrant = last + 1;
      },
    });
    expect(busiest).toBeGreaterThan(8); // months with many places to fill at once
  });

  it('travels through packResult / unpackResult', () => {
    const r = simulate(params(200, 1), 1, { agents: 5 });
    const back = unpackResult(packResult(r));
    expect(back.agents).toBe(r.agents);
  });
});
