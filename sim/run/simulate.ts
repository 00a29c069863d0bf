/**
 * The tick loop: simulate(params, seed) → Result. One tick is one month:
 *   market → demand and entry → token use → production → output, learning, saving →
 *   accounts → (quarter end) CFO → labour supply (retirement, exits, separations, entry) →
 *   search and matching → offers → (year end) reviews → metrics.
 */
import type { Params } from '../model/params.ts';
import { firmTypeNames } from '../model/params.ts';
import { stream, STREAMS } from '../lib/rng.ts';
import { TokenMarket } from '../model/market.ts';
import { initEngineers, produceLearnSave, useTokens } from '../model/engineers.ts';
import { calibrateDemand, demandLevel, demandShiftAt, initFirms, setBenchmarks, produce, settleAccounts, updateDemandAndEntry } from '../model/firms.ts';
import { sectorOutput } from '../model/sector.ts';
import { cfoScratch, hireOutputShare, quarterlyCfo } from '../model/cfo.ts';
import { chooseAgents } from '../model/agents.ts';
import { ensureLabourScratch, labourScratch, matchMarket, ratingPayLoss } from '../model/labour.ts';
import { adjustOffers, initMarketPay, initOffers, initSearcherMeans, updateMarketPay, updateMarketStats } from '../model/offers.ts';
import { annualReview } from '../model/reviews.ts';
import { initSupply, supplyStep } from '../model/supply.ts';
import { MetricsCollector } from './metrics.ts';
import { storeAsDoubles } from '../lib/doubleFields.ts';
import { AgentSampler } from './agentSample.ts';
import { canonicalJson, Hasher, hashString } from '../lib/hash.ts';
import type { Result } from './result.ts';
import { Engineers, Groups, newCounters, newSupplyState, newWorld, resetCounters, NUM_LEVELS } from '../model/world.ts';
import type { World } from '../model/world.ts';
import { LEVELS } from '../model/params.ts';
import { checkInvariants } from './invariants.ts';
import { pow } from '../lib/dmath.ts';

export interface SimulateOptions {
  /** Called after each month with (months done, total months). */
  onMonth?: (done: number, total: number) => void;
  /** Check the engine's invariants every month and throw on a breach (slower). */
  checkInvariants?: boolean;
  /** Called after each month with the world (tests and diagnostics only). */
  inspect?: (w: World) => void;
  /** Called as each mechanism finishes (profiling: the caller reads the clock, the engine never does). */
  onPhase?: (phase: Phase) => void;
  /** Follow a sample of this many engineers month by month (Result.agents of the complete result; snapshots omit it; sim/run/agentSample.ts). */
  agents?: number;
}

/** The mechanisms of a month, in order, as reported to `onPhase`. */
export type Phase = 'market' | 'engineers' | 'firms' | 'cfo' | 'labour' | 'metrics';

/** Builds the initial world for a run (exported for tests). */
export function createWorld(p: Params, seed: number): World {
  const typeNames = firmTypeNames(p);
  const groups = new Groups(typeNames);
  const demandScale = (p.market.marketScale * 10_000) / p.run.engineers;
  const market = new TokenMarket(p.market, stream(seed, STREAMS.market), demandScale);
  const { firms, weights } = initFirms(p, typeNames, seed, stream(seed, STREAMS.firmInit));
  const marketOfType = Int32Array.from(typeNames.map((t) => p.firmTypes[t].labourMarket));
  const markets = Math.max(...marketOfType) + 1;
  const w = newWorld({
    p,
    seed,
    months: p.run.years * 12,
    month: 0,
    typeNames,
    groups,
    // Room for the labour force to grow by a fifth before the arrays need to grow.
    eng: new Engineers(p.run.engineers, Math.ceil(p.run.engineers * 1.2) + 16),
    firms,
    market,
    labourRng: stream(seed, STREAMS.labour),
    supplyRng: stream(seed, STREAMS.supply),
    counters: newCounters(groups.count),
    marketOfType,
    markets,
    marketBase: new Float64Array(markets * NUM_LEVELS),
    marketEquity: new Float64Array(markets * NUM_LEVELS),
    marketEquityDiscount: new Float64Array(markets * NUM_LEVELS),
    marketBudget: new Float64Array(markets * NUM_LEVELS),
    marketWeight: new Float64Array(markets * NUM_LEVELS),
    benchmarks: typeNames.map(() => ({ pi0: 1, k0: 1 })),
    demandShift: demandShiftAt(p, 0),
    sectorBase: new Float64Array(typeNames.length),
    sectorLogOutput: new Float64Array(typeNames.length),
    sectorShift: new Float64Array(typeNames.length).fill(1),
    sectorScratch: new Float64Array(typeNames.length),
    sectorFirms: new Float64Array(typeNames.length),
    supply: newSupplyState(markets),
    lambdaBar: new Float64Array(markets * NUM_LEVELS),
    phiBar: new Float64Array(markets * NUM_LEVELS),
    marketPay: new Float64Array(markets * NUM_LEVELS),
    marketPay0: new Float64Array(markets * NUM_LEVELS),
    payRing: new Float64Array(3 * markets * NUM_LEVELS),
    payRingCount: new Float64Array(3 * markets * NUM_LEVELS),
    ratingPayLoss: new Float64Array(NUM_LEVELS),
    levelSkill: Float64Array.from(LEVELS.map((l) => p.engineers.skillByLevel[l])),
    raiseByGroup: new Float64Array(groups.count).fill(Number.NaN),
  });

  // The demand shift is 1 until a scenario's shift starts, perhaps years in (doubleFields.ts).
  storeAsDoubles(w, ['demandShift']);
  for (let l = 0; l < NUM_LEVELS; l++) w.ratingPayLoss[l] = ratingPayLoss(w, l);
  market.step(0);
  initEngineers(w, stream(seed, STREAMS.init), weights);
  initSearcherMeans(w);
  for (const f of firms) initOffers(w, f);
  // Month-0 inputs, the CES normalised on them, then demand calibrated so each firm starts at
  // its optimal headcount.
  useTokens(w);
  const pay = monthZeroPay(w);
  setBenchmarks(w, pay);
  produce(w);
  produceForCalibration(w, pay);
  return w;
}

/** Each firm's month-0 pay bill (base cash + equity), $ per month. */
function monthZeroPay(w: World): Float64Array {
  const e = w.eng;
  const pay = new Float64Array(w.firms.length);
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot >= 0) pay[slot] += (e.base[i] + e.equity[i]) / 12;
  }
  return pay;
}

/** Calibrates each firm's demand and cash from its month-0 engineers (no state advances). */
function produceForCalibration(w: World, pay: Float64Array): void {
  const hireShare = hireOutputShare(w, new Float64Array(w.firms.length), new Float64Array(w.firms.length));
  for (const f of w.firms) {
    f.target = f.n;
    if (f.n === 0) {
      f.alive = false;
      f.reentryMonth = 0;
      continue;
    }
    const cost = (pay[f.slot] + f.toolingCost + f.tokenCost + f.creditCost) / f.n;
    calibrateDemand(w, f, f.n, f.Y, cost, hireShare[f.slot]);
    const revenue = demandLevel(w, f) * pow(f.Y, w.p.production.eta);
    f.revenue = revenue;
    f.cash = f.tp.cashMonthsInitial * (pay[f.slot] + f.toolingCost + f.tokenCost + f.tp.overheadShareOfRevenue * revenue);
  }
  sectorOutput(w, w.sectorBase);
  updateMarketStats(w);
  initMarketPay(w);
  initSupply(w);
}

/**
 * A run that advances a few months at a time, so a caller can show the months done so far,
 * give its thread to other work between steps, or stop early. `simulate` is this run stepped
 * to the end, so a stepped run gives the same bits however it is sliced.
 */
export interface Run {
  /** Months in the whole run (years × 12). */
  readonly months: number;
  /** Engineers in the run (sets how many months make a slice of work). */
  readonly engineers: number;
  /** Months simulated so far (0 to `months`). */
  readonly monthsDone: number;
  /** Simulates up to `months` more months (fewer at the end of the run); returns the months done. */
  step(months: number): number;
  /**
   * The result. Once every month is done: exactly what `simulate` returns (the engine's own
   * series and the result hash). Before that, a snapshot of the months done so far: every
   * series is a copy at full length (the whole horizon, so axes and shapes match the final
   * result), NaN for the months not yet simulated, and `resultHash` is '' because only a
   * complete run has one. A snapshot is the caller's to keep: later steps do not change it.
   */
  result(): Result;
}

/** Starts a run of one scenario with one seed: the initial world, no month simulated yet. */
export function startRun(p: Params, seed: number, options: SimulateOptions = {}): Run {
  const w = createWorld(p, seed);
  const metrics = new MetricsCollector(w);
  const sampler = options.agents !== undefined && options.agents > 0 ? new AgentSampler(w, options.agents) : undefined;
  const cfo = cfoScratch(w.firms.length, w.eng.capacity, w.typeNames.length);
  let labour = labourScratch(w.eng.capacity, w.groups.count);
  const phase = options.onPhase ?? (() => {});
  let monthsDone = 0;

  /** One tick: the mechanisms of month `month` in order, then its metrics. */
  function tickMonth(month: number): void {
    w.month = month;
    resetCounters(w.counters);
    if (month > 0) w.market.step(month);
    phase('market');
    updateDemandAndEntry(w);
    phase('firms');
    useTokens(w);
    phase('engineers');
    chooseAgents(w);
    produce(w);
    phase('firms');
    produceLearnSave(w);
    phase('engineers');
    settleAccounts(w);
    let consumed = 0;
    for (const f of w.firms) consumed += f.tokensProductive + f.tokensWasted + f.G;
    w.market.recordDemand(consumed);
    phase('firms');
    if (month % 3 === 2) quarterlyCfo(w, cfo);
    phase('cfo');
    updateMarketStats(w);
    supplyStep(w);
    labour = ensureLabourScratch(labour, w.eng.capacity);
    matchMarket(w, labour);
    adjustOffers(w);
    updateMarketPay(w);
    if (month % 12 === 11) annualReview(w, labour);
    phase('labour');
    metrics.collect(w, month);
    sampler?.record(w, month);
    phase('metrics');
    if (options.checkInvariants) checkInvariants(w);
    options.inspect?.(w);
    options.onMonth?.(month + 1, w.months);
  }

  /** A Result with these series and hash (fields in the order `simulate` has always given). */
  const resultOf = (resultHash: string, series: Result['series']): Result => ({
    scenario: p.name,
    seed,
    months: w.months,
    paramsHash: hashString(canonicalJson(p)),
    resultHash,
    firmTypes: w.typeNames,
    series,
  });

  function complete(): Result {
    const h = new Hasher();
    for (const s of metrics.series) h.string(s.metric).string(s.group).floats(s.values);
    const r = resultOf(h.digest(), metrics.series);
    if (sampler) r.agents = sampler.sample;
    return r;
  }

  /** Copies of the series so far, NaN after the months done. */
  function snapshot(): Result {
    const series = metrics.series.map((s) => {
      const values = new Float64Array(w.months).fill(Number.NaN);
      values.set(s.values.subarray(0, monthsDone));
      return { metric: s.metric, group: s.group, values };
    });
    return resultOf('', series);
  }

  return {
    months: w.months,
    engineers: w.eng.n,
    get monthsDone() {
      return monthsDone;
    },
    step(months: number): number {
      const end = Math.min(w.months, monthsDone + Math.max(0, Math.floor(months)));
      while (monthsDone < end) {
        tickMonth(monthsDone);
        monthsDone++;
      }
      return monthsDone;
    },
    result: () => (monthsDone === w.months ? complete() : snapshot()),
  };
}

/** Runs one scenario with one seed. Deterministic: same params and seed give identical series. */
export function simulate(p: Params, seed: number, options: SimulateOptions = {}): Result {
  const run = startRun(p, seed, options);
  run.step(run.months);
  return run.result();
}
