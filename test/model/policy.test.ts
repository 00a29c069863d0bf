import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../sim/model/params.ts';
import type { CompPolicy } from '../../sim/model/params.ts';
import { effectiveBudget, packageValue, policyBudget, usableTokenValue } from '../../sim/model/policy.ts';
import type { Firm, World } from '../../sim/model/world.ts';

const policy = (over: Partial<CompPolicy>): CompPolicy => ({ ...DEFAULTS.firmTypes.bigtech.policy, ...over });

/** The few fields the policy functions read, cast to the engine types (tests only). */
const fakeFirm = (o: { topUp?: number; budgetScale?: number; usable?: number; portability?: number; equityDiscount?: number; isPay?: number }) =>
  ({
    budgetScale: o.budgetScale ?? 1,
    tp: {
      hostedUsableShare: o.usable ?? 1,
      equityRiskDiscount: o.equityDiscount ?? 1,
      policy: { performanceTopUp: o.topUp ?? 0, tokenPortability: o.portability ?? 0, tokenBudgetIsPay: o.isPay ?? 1 },
    },
  }) as unknown as Firm;
/** A world with this market state, and engineers counting a tools budget at `toolsValuation` of λ. */
const fakeWorld = (orchestrationCap: number, priceRetail: number, toolsValuation = 0) =>
  ({ market: { state: { orchestrationCap, priceRetail } }, p: { labour: { toolsBudgetValuation: toolsValuation } } }) as unknown as World;

describe('policyBudget', () => {
  it('Tunguz: 27 % of a $375k base is $101,250 (seeds 000, 002: ≈ $100k on $375k)', () => {
    // 0.27 × 375,000 = 101,250 by hand.
    const tunguz = policy({ tokenBudgetShareOfBase: 0.27, tokenBudgetFixed: 0, tokenBudgetCap: 1_000_000 });
    expect(policyBudget(tunguz, 375_000)).toBeCloseTo(101_250, 6);
  });

  it('Huang: half of a $600k base is capped at $250k (seeds 002, 003)', () => {
    const huang = policy({ tokenBudgetShareOfBase: 0.5, tokenBudgetFixed: 0, tokenBudgetCap: 250_000 });
    expect(policyBudget(huang, 600_000)).toBe(250_000);
    // Below the cap the share applies: 0.5 × 300,000 = 150,000.
    expect(policyBudget(huang, 300_000)).toBe(150_000);
  });

  it('adds the fixed amount to the share of base before capping', () => {
    const p = policy({ tokenBudgetShareOfBase: 0.1, tokenBudgetFixed: 5_000, tokenBudgetCap: 30_000 });
    expect(policyBudget(p, 200_000)).toBe(25_000); // 20,000 + 5,000
    expect(policyBudget(p, 260_000)).toBe(30_000); // 26,000 + 5,000 = 31,000 → cap
  });

  it('a tools budget with no share of base is the fixed amount whatever the base', () => {
    const tools = policy({ tokenBudgetShareOfBase: 0, tokenBudgetFixed: 2_400, tokenBudgetCap: 1_000_000 });
    for (const base of [0, 110_000, 375_000]) expect(policyBudget(tools, base)).toBe(2_400);
  });
});

describe('effectiveBudget', () => {
  it('applies the CFO scale', () => {
    expect(effectiveBudget(fakeFirm({ budgetScale: 0.8 }), 50_000, 1)).toBeCloseTo(40_000, 9);
  });

  it('tops up only above a rating of 1, by topUp × (rating − 1)', () => {
    const f = fakeFirm({ topUp: 0.5, budgetScale: 0.8 });
    // 10,000 × 0.8 × (1 + 0.5 × 0.4) = 9,600.
    expect(effectiveBudget(f, 10_000, 1.4)).toBeCloseTo(9_600, 9);
    expect(effectiveBudget(f, 10_000, 1)).toBeCloseTo(8_000, 9);
    // No penalty below 1.
    expect(effectiveBudget(f, 10_000, 0.3)).toBeCloseTo(8_000, 9);
  });

  it('ignores the rating when the top-up is 0', () => {
    const f = fakeFirm({ topUp: 0 });
    for (const r of [0, 1, 2.5]) expect(effectiveBudget(f, 12_345, r)).toBe(12_345);
  });
});

describe('usableTokenValue', () => {
  // Cap value at κ = 0.5: 400 M tokens × 0.5 × $8 per M × 12 months = $19,200 a year.
  const w = fakeWorld(400, 8);

  it('is the whole budget below the orchestration cap', () => {
    expect(usableTokenValue(w, fakeFirm({}), 10_000, 0.5)).toBe(10_000);
  });

  it('is capped at orchestrationCap × κ × price × 12', () => {
    expect(usableTokenValue(w, fakeFirm({}), 50_000, 0.5)).toBeCloseTo(19_200, 9);
    expect(usableTokenValue(w, fakeFirm({}), 50_000, 1)).toBeCloseTo(38_400, 9);
    expect(usableTokenValue(w, fakeFirm({}), 50_000, 0)).toBe(0);
  });

  it('scales the budget by the hosted usable share before the cap', () => {
    const half = fakeFirm({ usable: 0.5 });
    expect(usableTokenValue(w, half, 30_000, 0.5)).toBe(15_000);
    expect(usableTokenValue(w, half, 50_000, 0.5)).toBeCloseTo(19_200, 9); // min(25,000, 19,200)
    expect(usableTokenValue(w, fakeFirm({ usable: 0 }), 50_000, 0.5)).toBe(0);
  });

  it('tracks the market: halving the price halves the cap value', () => {
    expect(usableTokenValue(fakeWorld(400, 4), fakeFirm({}), 50_000, 0.5)).toBeCloseTo(9_600, 9);
  });
});

describe('packageValue', () => {
  it('is cash + discounted equity + λ × usable tokens when the budget is pay and tokens are not portable', () => {
    const f = fakeFirm({ equityDiscount: 0.3 });
    // 150,000 + 0.3 × 40,000 + 0.6 × min(50,000, 19,200) = 150,000 + 12,000 + 11,520 = 173,520.
    expect(packageValue(fakeWorld(400, 8), f, 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(173_520, 6);
  });

  it('adds the portable share of the unusable rest at face value', () => {
    const f = fakeFirm({ equityDiscount: 0.3, portability: 0.5 });
    // 173,520 + 0.5 × (50,000 − 19,200) = 173,520 + 15,400 = 188,920.
    expect(packageValue(fakeWorld(400, 8), f, 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(188_920, 6);
  });

  it('counts a tools budget’s usable tokens at the tools valuation of λ (none by default)', () => {
    const f = fakeFirm({ equityDiscount: 0.3, isPay: 0 });
    // 150,000 + 12,000 + 0 × 11,520 = 162,000; at a tools valuation of 0.5: + 0.5 × 11,520 = 167,760.
    expect(packageValue(fakeWorld(400, 8), f, 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(162_000, 6);
    expect(packageValue(fakeWorld(400, 8, 0.5), f, 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(167_760, 6);
    // The tools valuation does not touch a budget presented as pay.
    expect(packageValue(fakeWorld(400, 8, 0.5), fakeFirm({ equityDiscount: 0.3 }), 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(173_520, 6);
  });

  it('keeps the portable share of an unusable tools budget at face value', () => {
    const f = fakeFirm({ equityDiscount: 0.3, portability: 0.5, isPay: 0 });
    // 162,000 + 0.5 × (50,000 − 19,200) = 177,400.
    expect(packageValue(fakeWorld(400, 8), f, 0.6, 150_000, 40_000, 50_000, 0.5)).toBeCloseTo(177_400, 6);
  });
});
