/**
 * The token market: retail list price P(t), capability Q(t) (useful work per token), the
 * orchestration cap (productive tokens one engineer can direct), the autonomy of agents a(t)
 * (what a token is worth with no one directing it) and wholesale prices.
 * Trends have a first-year rate that decays toward a long-run rate, so the fastest recent
 * declines do not compound for a decade (docs/model.md).
 */
import { storeAsDoubles } from '../lib/doubleFields.ts';
import type { MarketParams, PriceEvent } from './params.ts';
import type { Stream } from '../lib/rng.ts';
import { exp, log, pow } from '../lib/dmath.ts';

/**
 * Cumulative log growth F(t) over t years for a rate that starts at r0 and decays to rLR
 * with half-life h: F(t) = rLR·t + (r0 − rLR)·(h/ln2)·(1 − 2^(−t/h)), with r0 chosen so that
 * F(1) = ln(firstYearFactor). Returns F(t) for each t on demand.
 */
export function decayingLogGrowth(firstYearFactor: number, longRunFactor: number, halfLifeYears: number) {
  const rLR = log(longRunFactor);
  const k = (halfLifeYears / Math.LN2) * (1 - pow(2, -1 / halfLifeYears));
  const excess0 = (log(firstYearFactor) - rLR) / k;
  return (tYears: number): number =>
    rLR * tYears + excess0 * (halfLifeYears / Math.LN2) * (1 - pow(2, -tYears / halfLifeYears));
}

/** Product of the price factors of the events active in `month`. */
export function eventFactor(events: PriceEvent[], month: number): number {
  let f = 1;
  for (const e of events) if (month >= e.startMonth && month < e.startMonth + e.months) f *= e.priceFactor;
  return f;
}

export interface MarketState {
  /** Retail list price this month, $ per million tokens. */
  priceRetail: number;
  /** Capability index Q (month 0 = 1). */
  capability: number;
  /** Orchestration cap at leverage 1, million tokens per month. */
  orchestrationCap: number;
  /** Autonomy index a: effective compute per agent token relative to a token directed at κ = 1. */
  autonomy: number;
  /** Market capacity, million tokens per month. */
  capacity: number;
  /** Simulated consumption last month, million tokens (for the demand feedback). */
  lastDemand: number;
}

export class TokenMarket {
  readonly state: MarketState;
  private readonly priceTrend: (t: number) => number;
  private readonly capTrend: (t: number) => number;
  private readonly orchTrend: (t: number) => number;
  private readonly autonomyTrend: (t: number) => number;

  constructor(
    private readonly p: MarketParams,
    private readonly rng: Stream,
    /** Multiplier from simulated to market consumption (marketScale × 10,000 ÷ engineers). */
    private readonly demandScale: number,
  ) {
    const h = p.rateDecayHalfLifeYears;
    this.priceTrend = decayingLogGrowth(p.priceDeclineFirstYear, p.priceDeclineLongRun, h);
    this.capTrend = decayingLogGrowth(p.capabilityGrowthFirstYear, p.capabilityGrowthLongRun, h);
    this.orchTrend = decayingLogGrowth(p.orchestrationCapGrowthFirstYear, p.orchestrationCapGrowthLongRun, h);
    this.autonomyTrend = decayingLogGrowth(p.autonomyGrowthFirstYear, p.autonomyGrowthLongRun, h);
    // Capability starts at 1 and the others may be whole numbers: doubles from the start (doubleFields.ts).
    this.state = storeAsDoubles(
      {
        priceRetail: p.listPriceInitial,
        capability: 1,
        orchestrationCap: p.orchestrationCapInitial,
        autonomy: p.autonomyInitial,
        capacity: p.capacityInitial,
        lastDemand: 0,
      },
      ['priceRetail', 'capability', 'orchestrationCap', 'autonomy', 'capacity', 'lastDemand'],
    );
  }

  /** Sets the state for `month` (0-based). Draws exactly one normal per month from the market stream. */
  step(month: number): void {
    const t = month / 12;
    const s = this.state;
    const noise = exp(this.p.priceVolatility * this.rng.normal() - 0.5 * this.p.priceVolatility * this.p.priceVolatility);
    const trend = this.p.listPriceInitial * exp(-this.priceTrend(t));
    s.capacity = this.p.capacityInitial * pow(this.p.capacityGrowthPerYear, t);
    let pressure = 1;
    if (this.p.priceElasticity > 0 && s.lastDemand > 0) {
      pressure = pow((s.lastDemand * this.demandScale) / s.capacity, this.p.priceElasticity);
    }
    s.priceRetail = trend * noise * eventFactor(this.p.events, month) * pressure;
    s.capability = exp(this.capTrend(t));
    s.orchestrationCap = this.p.orchestrationCapInitial * exp(this.orchTrend(t));
    s.autonomy = this.p.autonomyInitial * exp(this.autonomyTrend(t));
  }

  /** Records this month's simulated consumption, million tokens. */
  recordDemand(millionTokens: number): void {
    this.state.lastDemand = millionTokens;
  }
}
