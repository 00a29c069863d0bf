/**
 * Unit tests of sim/model/engineers.ts on small worlds built with the engine's own constructor
 * (createWorld): the draws that make engineers and the monthly token use. Output, learning and
 * saving are in produceLearnSave.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../sim/model/params.ts';
import { computeInput, drawEngineer, drawIndex, employ, meanOneLogNormal, produceLearnSave, setSkill, useTokens } from '../../sim/model/engineers.ts';
import { effectiveBudget, policyBudget } from '../../sim/model/policy.ts';
import { stream } from '../../sim/lib/rng.ts';
import { createWorld } from '../../sim/run/simulate.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import { employed, everyPolicy, fixed, setBudgets, smallWorld, staff, sum } from '../support/engineerWorld.ts';

describe('meanOneLogNormal', () => {
  it('has mean one whatever its spread, and is exactly one with none', () => {
    const rng = stream(3, 'test');
    for (const sd of [0.1, 0.5, 1]) {
      let acc = 0;
      for (let k = 0; k < 200_000; k++) acc += meanOneLogNormal(rng, sd);
      expect(acc / 200_000).toBeCloseTo(1, sd < 1 ? 2 : 1);
    }
    for (let k = 0; k < 10; k++) expect(meanOneLogNormal(rng, 0)).toBe(1);
  });
});

describe('drawIndex', () => {
  it('returns the first index whose cumulative weight exceeds the draw (weights 1, 2, 3)', () => {
    const cum = [1, 3, 6];
    expect(drawIndex(fixed(0), cum)).toBe(0);
    expect(drawIndex(fixed(0.16), cum)).toBe(0); // 0.96
    expect(drawIndex(fixed(1 / 6), cum)).toBe(1); // exactly 1: the first weight is used up
    expect(drawIndex(fixed(0.49), cum)).toBe(1); // 2.94
    expect(drawIndex(fixed(0.5), cum)).toBe(2); // exactly 3
    expect(drawIndex(fixed(0.999), cum)).toBe(2);
  });

  it('never draws an index of zero weight, and draws the others in proportion', () => {
    const cum = Float64Array.from([0, 2, 2, 5]);
    const rng = stream(5, 'test');
    const hits = [0, 0, 0, 0];
    for (let k = 0; k < 50_000; k++) hits[drawIndex(rng, cum)] += 1;
    expect(hits[0]).toBe(0);
    expect(hits[2]).toBe(0);
    expect(hits[1] / 50_000).toBeCloseTo(0.4, 2);
  });
});

describe('setSkill', () => {
  it('pays the level’s mean skill a factor of one and scales pay by skill to the elasticity', () => {
    const w = smallWorld();
    setSkill(w, 0, 2, w.levelSkill[2]);
    expect(w.eng.level[0]).toBe(2);
    expect(w.eng.payFactor[0]).toBe(1);
    // Four times the mean skill at elasticity 0.5 doubles pay.
    setSkill(w, 0, 1, 4 * w.levelSkill[1]);
    expect(w.eng.skill[0]).toBe(4 * w.levelSkill[1]);
    expect(w.eng.payFactor[0]).toBeCloseTo(2, 12);
  });
});

describe('drawEngineer', () => {
  it('a new engineer has no firm-specific leverage, credits or output yet, and a rating of one', () => {
    const w = smallWorld();
    const e = w.eng;
    [e.phiF[0], e.credits[0], e.rating[0], e.output[0], e.prevOutput[0], e.moved[0]] = [0.4, 5_000, 1.7, 3, 3, 1];
    drawEngineer(w, stream(1, 'test'), 0, 3);
    expect([e.level[0], e.phiF[0], e.credits[0], e.rating[0], e.output[0], e.prevOutput[0], e.moved[0]]).toEqual([3, 0, 0, 1, 0, 0, 0]);
    expect(Math.min(e.skill[0], e.phiP[0])).toBeGreaterThan(0);
  });

  it('portable fluency stops at its maximum and token valuations at zero, however wide the spread', () => {
    const w = smallWorld((p) => ([p.engineers.portableFluencyDispersion, p.engineers.tokenValuationDispersion] = [2, 3]));
    const rng = stream(2, 'test');
    const max = w.p.engineers.portableFluencyMax;
    for (let i = 0; i < w.eng.n; i++) drawEngineer(w, rng, i, 0);
    const [phiP, lambda] = [w.eng.phiP.subarray(0, w.eng.n), w.eng.lambda.subarray(0, w.eng.n)];
    expect(Math.max(...phiP)).toBe(max);
    expect(Math.min(...lambda)).toBe(0);
    // The limits bind for part of the population, not just at the edge of it.
    expect(phiP.filter((x) => x === max).length).toBeGreaterThan(1);
    expect(lambda.filter((x) => x === 0).length).toBeGreaterThan(1);
  });

  it('the same stream gives the same engineer', () => {
    const w = smallWorld();
    drawEngineer(w, stream(9, 'test'), 0, 1);
    drawEngineer(w, stream(9, 'test'), 1, 1);
    const e = w.eng;
    expect([e.skill[1], e.phiP[1], e.lambda[1], e.payFactor[1]]).toEqual([e.skill[0], e.phiP[0], e.lambda[0], e.payFactor[0]]);
  });
});

describe('employ', () => {
  it('takes the firm’s offer and starts afresh: firm-specific leverage resets on a move', () => {
    const w = smallWorld();
    const e = w.eng;
    const f = w.firms[1];
    const i = employed(w).find((k) => e.employer[k] !== f.slot && e.phiF[k] > 0)!;
    [e.tenure[i], e.rating[i]] = [40, 1.4];
    employ(w, i, f, 123_456);
    const pol = f.tp.policy;
    expect(e.employer[i]).toBe(f.slot);
    expect(e.base[i]).toBe(123_456);
    expect(e.equity[i]).toBe(pol.equityByLevel[LEVELS[e.level[i]]]);
    expect(e.budget[i]).toBe(policyBudget(pol, 123_456));
    expect(e.pool[i]).toBe(effectiveBudget(f, e.budget[i], 1));
    expect([e.tenure[i], e.phiF[i], e.rating[i]]).toEqual([0, 0, 1]);
  });
});

describe('initEngineers (through createWorld)', () => {
  const w = smallWorld(() => {}, 6000);
  const e = w.eng;
  const ep = w.p.engineers;

  it('draws levels by the level shares and employs the employed share, each firm counting its own', () => {
    LEVELS.forEach((l, k) => {
      const share = e.level.subarray(0, e.n).filter((x) => x === k).length / e.n;
      expect(Math.abs(share - ep.levelShares[l])).toBeLessThan(0.03);
    });
    expect(Math.abs(employed(w).length / e.n - ep.employedShareInitial)).toBeLessThan(0.02);
    for (const f of w.firms) expect(f.n).toBe(staff(w, f).length);
  });

  it('gives the employed firm-specific leverage rising with tenure to its initial share; none to the unemployed', () => {
    for (let i = 0; i < e.n; i++) {
      const unemployed = e.employer[i] === UNEMPLOYED;
      expect(e.phiF[i]).toBe(unemployed ? 0 : ep.firmLeverageMax * ep.firmLeverageInitialShare * Math.min(1, e.tenure[i] / 24));
      if (unemployed) expect(e.tenure[i]).toBeLessThanOrEqual(6);
    }
  });
});

describe('useTokens', () => {
  it('an engineer’s productive tokens stop at the orchestration cap times leverage', () => {
    const w = smallWorld();
    setBudgets(w, 1e9);
    useTokens(w);
    const cap = w.market.state.orchestrationCap;
    for (const i of employed(w)) expect(w.eng.tokensUsed[i]).toBe(cap * (w.eng.phiP[i] + w.eng.phiF[i]));
    for (const f of w.firms) expect(f.capped).toBe(f.n);
  });

  it('below the cap, an engineer uses a twelfth of the usable budget at the retail price', () => {
    const w = smallWorld();
    setBudgets(w, 1_200);
    useTokens(w);
    const m = w.market.state;
    for (const i of employed(w)) {
      const f = w.firms[w.eng.employer[i]];
      const eb = effectiveBudget(f, 1_200, w.eng.rating[i]);
      expect(w.eng.tokensUsed[i]).toBe(((eb / 12) * f.tp.hostedUsableShare) / m.priceRetail);
      expect(w.eng.tokensUsed[i]).toBeLessThan(m.orchestrationCap * (w.eng.phiP[i] + w.eng.phiF[i]));
    }
    for (const f of w.firms) expect(f.capped).toBe(0);
  });

  it('firms add up their own staff only: headcount, labour, compute, tokens, their cost and tooling', () => {
    const w = smallWorld();
    useTokens(w);
    const e = w.eng;
    const price = w.market.state.priceRetail;
    for (const f of w.firms) {
      const s = staff(w, f);
      expect(f.n).toBe(s.length);
      expect(f.L).toBeCloseTo(sum(s.map((i) => e.skill[i])), 9);
      expect(f.C).toBeCloseTo(sum(s.map((i) => computeInput(w, i))), 9);
      expect(f.tokensProductive).toBeCloseTo(sum(s.map((i) => e.tokensUsed[i])), 9);
      expect(f.tokenCost).toBeCloseTo(sum(s.map((i) => (e.tokensUsed[i] + e.tokensWasted[i]) * price * f.tp.wholesaleDiscount)), 6);
      expect(f.toolingCost).toBeCloseTo((s.length * w.p.production.toolingCostPerEngineerYear) / 12, 6);
      // No agents yet: they are chosen after token use.
      expect([f.X, f.G, f.agentTokenCost]).toEqual([0, 0, 0]);
    }
  });

  it('tokenmaxxing burns its share of the allowance left over at the cap; a chargeback cuts that', () => {
    const waste = (cut: number) => {
      const w = smallWorld((p) => ([p.engineers.tokenmaxxing, p.cfo.finopsChargebackWasteCut] = [0.5, cut]));
      setBudgets(w, 1e6);
      useTokens(w);
      const i = employed(w)[0];
      const f = w.firms[w.eng.employer[i]];
      const available = ((effectiveBudget(f, 1e6, w.eng.rating[i]) / 12) * f.tp.hostedUsableShare) / w.market.state.priceRetail;
      return { got: w.eng.tokensWasted[i], unused: available - w.eng.tokensUsed[i] };
    };
    const open = waste(0);
    expect(open.got).toBeCloseTo(0.5 * open.unused, 9);
    expect(waste(0.4).got).toBeCloseTo(0.6 * open.got, 9);
  });

  it('a FinOps quota caps productive use plus waste at its share of the cap', () => {
    const w = smallWorld((p) => ([p.engineers.tokenmaxxing, p.cfo.finopsQuotaShareOfCap] = [1, 0.5]));
    setBudgets(w, 1e9);
    useTokens(w);
    const cap = w.market.state.orchestrationCap;
    for (const i of employed(w)) {
      expect(w.eng.tokensUsed[i]).toBe(0.5 * cap * (w.eng.phiP[i] + w.eng.phiF[i]));
      expect(w.eng.tokensWasted[i]).toBe(0);
    }
  });

  it('under yearly expiry the pool refills in January and is spread over the months left', () => {
    const w = smallWorld(everyPolicy({ tokenExpiry: 'yearly' }));
    setBudgets(w, 1_200);
    const e = w.eng;
    const i = employed(w)[0];
    const f = w.firms[e.employer[i]];
    const price = w.market.state.priceRetail;
    [w.month, e.pool[i]] = [12, 0];
    useTokens(w);
    const eb = effectiveBudget(f, 1_200, e.rating[i]);
    expect(e.tokensUsed[i]).toBeCloseTo(((eb / 12) * f.tp.hostedUsableShare) / price, 12);
    expect(e.pool[i]).toBeCloseTo(eb - e.tokensUsed[i] * price, 9);
    // July: the 600 left are spread over six months.
    [w.month, e.pool[i]] = [18, 600];
    useTokens(w);
    expect(e.tokensUsed[i]).toBeCloseTo((100 * f.tp.hostedUsableShare) / price, 12);
  });

  it('portable credits accrue a share of the unused allowance, paid by the firm at their retail face value', () => {
    const w = smallWorld(everyPolicy({ tokenPortability: 0.5 }));
    setBudgets(w, 1e6);
    const e = w.eng;
    e.credits.fill(0);
    useTokens(w);
    const price = w.market.state.priceRetail;
    for (const f of w.firms) {
      let cost = 0;
      for (const i of staff(w, f)) {
        const allowance = effectiveBudget(f, 1e6, e.rating[i]) / 12;
        expect(e.credits[i]).toBeCloseTo(0.5 * (allowance - e.tokensUsed[i] * price), 6);
        cost += e.credits[i];
      }
      expect(f.creditCost).toBeCloseTo(cost, 6);
      if (f.tp.wholesaleDiscount < 1 && cost > 0) expect(f.creditCost).toBeGreaterThan(cost * f.tp.wholesaleDiscount);
    }
  });
});

describe('computeInput', () => {
  it('is one unit of tooling plus capability × leverage × e × productive tokens', () => {
    const w = smallWorld();
    const e = w.eng;
    const pp = w.p.production;
    [e.phiP[0], e.phiF[0], e.tokensUsed[0]] = [0.5, 0.3, 500];
    expect(computeInput(w, 0)).toBeCloseTo(1 + w.market.state.capability * 0.8 * pp.effectiveComputePerMTokens * 500, 9);
    e.tokensUsed[0] = 0;
    expect(computeInput(w, 0)).toBe(1);
  });
});

/** One month's first two passes on a fresh world: token use, firm production, then engineers. */
