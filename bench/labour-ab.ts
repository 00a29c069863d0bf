/**
 * The labour and CFO phases function by function, two trees against each other: warm default
 * runs (10,000 engineers × 10 years, seeds 1, 2, …) of tree A and tree B alternate in one
 * process, each stepped through the month's mechanisms in simulate's order (sim/run/simulate.ts
 * tickMonth, metrics left out: they do not change the world), with the time of each labour
 * and CFO function summed over the run. Prints each function's median time a run in A and B
 * and the median of the per-pair ratios B ÷ A. The month loop here is a copy of tickMonth's:
 * keep the two in step. Use it to see which function a change moved; quote bench/ab.ts for the
 * whole run. Usage: npx tsx bench/labour-ab.ts DIR_A DIR_B [pairs (default 10)]
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirA, dirB, pairsArg = '10'] = process.argv.slice(2);
const pairs = Number(pairsArg);
if (!dirA || !dirB || !existsSync(`${dirA}/sim/run/simulate.ts`) || !existsSync(`${dirB}/sim/run/simulate.ts`) || !(pairs >= 1)) {
  console.error('usage: npx tsx bench/labour-ab.ts DIR_A DIR_B [pairs]: each DIR a checkout with sim/run/simulate.ts');
  process.exit(2);
}

type Fn = (...args: never[]) => unknown;
type Mod = Record<string, Fn & Record<string, unknown>> & Record<string, unknown>;
const load = async (dir: string) => {
  const m = async (p: string): Promise<Mod> => import(pathToFileURL(resolve(dir, p)).href);
  return {
    params: await m('sim/model/params.ts'),
    sim: await m('sim/run/simulate.ts'),
    world: await m('sim/model/world.ts'),
    engineers: await m('sim/model/engineers.ts'),
    firms: await m('sim/model/firms.ts'),
    cfo: await m('sim/model/cfo.ts'),
    agents: await m('sim/model/agents.ts'),
    labour: await m('sim/model/labour.ts'),
    offers: await m('sim/model/offers.ts'),
    reviews: await m('sim/model/reviews.ts'),
    supply: await m('sim/model/supply.ts'),
  };
};
type Tree = Awaited<ReturnType<typeof load>>;

/* eslint-disable @typescript-eslint/no-explicit-any */
/** One default run of tree t: milliseconds spent in each timed function. */
function run(t: Tree, seed: number): Record<string, number> {
  const ms: Record<string, number> = {};
  const timed = (name: string, f: () => void): void => {
    const t0 = performance.now();
    f();
    ms[name] = (ms[name] ?? 0) + performance.now() - t0;
  };
  const w: any = (t.sim.createWorld as any)((t.params.cloneParams as any)(t.params.DEFAULTS), seed);
  const cfo = (t.cfo.cfoScratch as any)(w.firms.length, w.eng.capacity, w.typeNames.length);
  let lab = (t.labour.labourScratch as any)(w.eng.capacity, w.groups.count);
  const { engineers: E, firms: F, cfo: C, agents: A, labour: L, offers: O, reviews: R, supply: S } = t as any;
  for (let month = 0; month < w.months; month++) {
    w.month = month;
    (t.world.resetCounters as any)(w.counters);
    if (month > 0) w.market.step(month);
    F.updateDemandAndEntry(w);
    E.useTokens(w);
    A.chooseAgents(w);
    F.produce(w);
    E.produceLearnSave(w);
    F.settleAccounts(w);
    let consumed = 0;
    for (const f of w.firms) consumed += f.tokensProductive + f.tokensWasted + f.G;
    w.market.recordDemand(consumed);
    if (month % 3 === 2) timed('quarterlyCfo', () => C.quarterlyCfo(w, cfo));
    timed('updateMarketStats', () => O.updateMarketStats(w));
    timed('supplyStep', () => S.supplyStep(w));
    lab = L.ensureLabourScratch(lab, w.eng.capacity);
    timed('matchMarket', () => L.matchMarket(w, lab));
    timed('adjustOffers', () => O.adjustOffers(w));
    timed('updateMarketPay', () => O.updateMarketPay(w));
    if (month % 12 === 11) timed('annualReview', () => R.annualReview(w, lab));
  }
  ms['all of these'] = Object.values(ms).reduce((a, b) => a + b, 0);
  return ms;
}

const median = (v: number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

const a = await load(dirA);
const b = await load(dirB);
for (let k = 0; k < 2; k++) {
  run(a, 1);
  run(b, 1);
}
const ra: Record<string, number>[] = [];
const rb: Record<string, number>[] = [];
for (let i = 0; i < pairs; i++) {
  const seed = 1 + (i % 5);
  if (i % 2) {
    rb.push(run(b, seed));
    ra.push(run(a, seed));
  } else {
    ra.push(run(a, seed));
    rb.push(run(b, seed));
  }
}
console.log(`A ${dirA}, B ${dirB}, ${pairs} pairs; ms a run (median), B ÷ A (median of pairs):`);
for (const name of Object.keys(ra[0])) {
  const ta = median(ra.map((r) => r[name]));
  const tb = median(rb.map((r) => r[name]));
  const ratio = median(ra.map((r, i) => rb[i][name] / r[name]));
  console.log(`${name.padEnd(18)} A ${ta.toFixed(1).padStart(6)}  B ${tb.toFixed(1).padStart(6)}  B ÷ A ${ratio.toFixed(3)}`);
}
