import { describe, expect, it } from 'vitest';
import { decayingLogGrowth, eventFactor, TokenMarket } from '../../sim/model/market.ts';
import { DEFAULTS } from '../../sim/model/params.ts';
import type { MarketParams, PriceEvent } from '../../sim/model/params.ts';
import { stream } from '../../sim/lib/rng.ts';
import type { Stream } from '../../sim/lib/rng.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** DEFAULTS.market with overrides (a deep enough copy: events is replaced, never mutated). */
const marketParams = (over: Partial<MarketParams> = {}): MarketParams => ({ ...DEFAULTS.market, events: [], ...over });

describe('decayingLogGrowth', () => {
  const cases: [number, number, number][] = [
    [2, 1.25, 1],
    [5, 1.25, 1],
    [2.5, 1.3, 0.25],
    [10, 1.1, 3],
    [1.5, 4, 2], // accelerating: the long-run rate above the first-year rate
    [0.5, 0.9, 1], // growth below 1 (a rising price)
    [3, 1.2, 100],
  ];

  it.each(cases)('F(0) = 0 and F(1) = ln(first) to 1e-12 (first %d, long run %d, half-life %d)', (first, lr, h) => {
    const F = decayingLogGrowth(first, lr, h);
    expect(Math.abs(F(0))).toBeLessThan(1e-15);
    expect(Math.abs(F(1) - Math.log(first))).toBeLessThan(1e-12);
  });

  it.each(cases)('the yearly slope tends to ln(longRun) (first %d, long run %d, half-life %d)', (first, lr, h) => {
    const F = decayingLogGrowth(first, lr, h);
    // After 60 half-lives the excess rate has fallen by 2^-60 ≈ 1e-18 of its start.
    const t = 60 * h;
    expect(Math.abs(F(t + 1) - F(t) - Math.log(lr))).toBeLessThan(1e-9 * Math.max(1, t));
  });

  it.each(cases)('the excess rate halves every half-life (first %d, long run %d, half-life %d)', (first, lr, h) => {
    // Independent of the closed form: the instantaneous rate r(t) = F'(t) by central
    // differences; (r(t + h) − rLR) / (r(t) − rLR) must be 1/2 at any t.
    const F = decayingLogGrowth(first, lr, h);
    const d = 1e-5 * h;
    const r = (t: number) => (F(t + d) - F(t - d)) / (2 * d);
    const rLR = Math.log(lr);
    for (const t of [0.1, 0.5, 1, 2.5]) {
      expect((r(t + h) - rLR) / (r(t) - rLR)).toBeCloseTo(0.5, 5);
    }
  });

  it('is a straight line t·ln(first) when first == longRun', () => {
    for (const [g, h] of [[2, 1], [1.25, 0.5], [7, 10]]) {
      const F = decayingLogGrowth(g, g, h);
      for (const t of [0, 0.25, 1, 3.5, 10, 50]) expect(Math.abs(F(t) - t * Math.log(g))).toBeLessThan(1e-12 * Math.max(1, t));
    }
  });

  it('is flat at zero when both factors are 1', () => {
    const F = decayingLogGrowth(1, 1, 1);
    for (const t of [0, 1, 5, 40]) expect(F(t)).toBe(0);
  });
});

describe('eventFactor', () => {
  const a: PriceEvent = { label: 'shortage', startMonth: 3, months: 4, priceFactor: 2 }; // months 3–6
  const b: PriceEvent = { label: 'glut', startMonth: 5, months: 3, priceFactor: 1.5 }; // months 5–7

  it('is 1 with no events', () => {
    expect(eventFactor([], 0)).toBe(1);
    expect(eventFactor([], 100)).toBe(1);
  });

  it('is the event factor from its start month (inclusive) to start + months (exclusive)', () => {
    const got = [2, 3, 4, 5, 6, 7].map((m) => eventFactor([a], m));
    expect(got).toEqual([1, 2, 2, 2, 2, 1]);
  });

  it('multiplies overlapping events and is 1 outside both', () => {
    // By hand: 2 → none; 3, 4 → a; 5, 6 → a·b = 3; 7 → b; 8 → none.
    const got = [2, 3, 4, 5, 6, 7, 8].map((m) => eventFactor([a, b], m));
    expect(got).toEqual([1, 2, 2, 3, 3, 1.5, 1]);
    expect([2, 3, 4, 5, 6, 7, 8].map((m) => eventFactor([b, a], m))).toEqual(got);
  });

  it('an event of zero months is never active', () => {
    const empty: PriceEvent = { label: 'none', startMonth: 5, months: 0, priceFactor: 9 };
    expect([4, 5, 6].map((m) => eventFactor([empty], m))).toEqual([1, 1, 1]);
  });
});

describe('TokenMarket', () => {
  const noiseless = (over: Partial<MarketParams> = {}, demandScale = 1) =>
    new TokenMarket(marketParams({ priceVolatility: 0, ...over }), stream(1, 'market'), demandScale);

  it('starts at the initial list price, capability 1 and the initial orchestration cap', () => {
    const m = noiseless();
    m.step(0);
    expect(m.state.priceRetail).toBeCloseTo(DEFAULTS.market.listPriceInitial, 12);
    expect(m.state.capability).toBeCloseTo(1, 12);
    expect(m.state.orchestrationCap).toBeCloseTo(DEFAULTS.market.orchestrationCapInitial, 9);
    expect(m.state.capacity).toBe(DEFAULTS.market.capacityInitial);
  });

  it('after 12 months the price has fallen by the first-year factor and P/Q by ×10 at DEFAULTS', () => {
    const p = DEFAULTS.market;
    const m = noiseless();
    const P0 = p.listPriceInitial;
    const Q0 = 1;
    for (let month = 0; month <= 12; month++) m.step(month);
    expect(rel(m.state.priceRetail, p.listPriceInitial / p.priceDeclineFirstYear)).toBeLessThan(1e-12);
    expect(rel(m.state.capability, p.capabilityGrowthFirstYear)).toBeLessThan(1e-12);
    const fall = P0 / Q0 / (m.state.priceRetail / m.state.capability);
    expect(rel(fall, p.priceDeclineFirstYear * p.capabilityGrowthFirstYear)).toBeLessThan(1e-12);
    // Calibration target: the price of useful work falls ≈ ×10 in year one.
    expect(fall).toBeCloseTo(10, 9);
    expect(rel(m.state.orchestrationCap, p.orchestrationCapInitial * p.orchestrationCapGrowthFirstYear)).toBeLessThan(1e-12);
  });

  it('capacity grows by its yearly factor, compounding monthly', () => {
    const m = noiseless();
    m.step(18);
    expect(rel(m.state.capacity, DEFAULTS.market.capacityInitial * Math.pow(DEFAULTS.market.capacityGrowthPerYear, 1.5))).toBeLessThan(1e-12);
  });

  it('without noise or events the price never rises and the capability never falls', () => {
    const m = noiseless();
    let prevP = Infinity;
    let prevQ = 0;
    for (let month = 0; month < 240; month++) {
      m.step(month);
      expect(m.state.priceRetail).toBeLessThan(prevP);
      expect(m.state.capability).toBeGreaterThan(prevQ);
      prevP = m.state.priceRetail;
      prevQ = m.state.capability;
    }
  });

  it('in the long run the price falls by the long-run factor per year', () => {
    const m = noiseless();
    m.step(240);
    const p20 = m.state.priceRetail;
    m.step(252);
    // After 20 half-lives the excess log rate is ≈ 1e-6 of its start.
    expect(rel(p20 / m.state.priceRetail, DEFAULTS.market.priceDeclineLongRun)).toBeLessThan(1e-5);
  });

  it('a price event doubles the price only inside its window', () => {
    const event: PriceEvent = { label: 'GPU shortage', startMonth: 24, months: 12, priceFactor: 2 };
    const plain = noiseless();
    const shocked = noiseless({ events: [event] });
    for (let month = 0; month < 48; month++) {
      plain.step(month);
      shocked.step(month);
      const expected = month >= 24 && month < 36 ? 2 : 1;
      expect(shocked.state.priceRetail / plain.state.priceRetail).toBeCloseTo(expected, 12);
      expect(shocked.state.capability).toBe(plain.state.capability);
    }
  });

  it('with elasticity > 0 the price scales by (recorded demand × scale ÷ capacity)^elasticity', () => {
    const eps = 0.5;
    const scale = 1_000;
    const month = 12;
    const capacity12 = DEFAULTS.market.capacityInitial * DEFAULTS.market.capacityGrowthPerYear; // 3e9
    const taker = noiseless({ priceElasticity: 0 }, scale);
    taker.step(month);
    // Demand equal to 4 × capacity once scaled: pressure = 4^0.5 = 2.
    const hot = noiseless({ priceElasticity: eps }, scale);
    hot.recordDemand((4 * capacity12) / scale);
    hot.step(month);
    expect(hot.state.priceRetail / taker.state.priceRetail).toBeCloseTo(2, 12);
    // Demand equal to capacity: no pressure.
    const balanced = noiseless({ priceElasticity: eps }, scale);
    balanced.recordDemand(capacity12 / scale);
    balanced.step(month);
    expect(balanced.state.priceRetail / taker.state.priceRetail).toBeCloseTo(1, 12);
  });

  it('with elasticity > 0 the price rises strictly with recorded demand', () => {
    const prices = [1e3, 1e4, 1e5, 1e6, 1e7].map((d) => {
      const m = noiseless({ priceElasticity: 0.3 }, 2_000);
      m.recordDemand(d);
      m.step(6);
      return m.state.priceRetail;
    });
    for (let k = 1; k < prices.length; k++) expect(prices[k]).toBeGreaterThan(prices[k - 1]);
  });

  it('with elasticity 0 the price ignores recorded demand', () => {
    const ref = noiseless({ priceElasticity: 0 }, 2_000);
    ref.step(6);
    for (const d of [1, 1e6, 1e12]) {
      const m = noiseless({ priceElasticity: 0 }, 2_000);
      m.recordDemand(d);
      m.step(6);
      expect(m.state.priceRetail).toBe(ref.state.priceRetail);
    }
  });

  it('draws exactly one normal per month and nothing else from its stream', () => {
    const inner = stream(3, 'market');
    const calls = { next: 0, normal: 0, int: 0 };
    const counting: Stream = {
      next: () => (calls.next++, inner.next()),
      normal: () => (calls.normal++, inner.normal()),
      normalInto: (out, at) => (calls.normal++, inner.normalInto(out, at)),
      int: (n) => (calls.int++, inner.int(n)),
    };
    const m = new TokenMarket(marketParams(), counting, 1);
    for (let month = 0; month < 17; month++) m.step(month);
    expect(calls).toEqual({ next: 0, normal: 17, int: 0 });
  });

  it('price noise is mean-one log-normal with the set log s.d.', () => {
    // 20,000 markets one month in: price ÷ noiseless price = exp(σZ − σ²/2), mean 1.
    // σ = 0.2: s.d. of the ratio ≈ 0.2, s.e. of its mean ≈ 0.0014; the omitted −σ²/2 would
    // shift the mean by e^0.02 − 1 ≈ 0.02, far outside the 0.006 tolerance.
    const sigma = 0.2;
    const N = 20_000;
    const ref = noiseless();
    ref.step(1);
    let sum = 0;
    let sumLog2 = 0;
    for (let k = 0; k < N; k++) {
      const m = new TokenMarket(marketParams({ priceVolatility: sigma }), stream(k, 'market'), 1);
      m.step(1);
      const r = m.state.priceRetail / ref.state.priceRetail;
      sum += r;
      sumLog2 += (Math.log(r) + sigma ** 2 / 2) ** 2;
    }
    expect(Math.abs(sum / N - 1)).toBeLessThan(0.006);
    // s.e. of the log s.d. ≈ σ/sqrt(2N) ≈ 0.001.
    expect(Math.abs(Math.sqrt(sumLog2 / N) - sigma)).toBeLessThan(0.005);
  });
});
