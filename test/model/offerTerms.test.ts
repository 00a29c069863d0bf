/**
 * The offer terms' uses that write formulas out for loops that must not box numbers
 * (sim/model/offers.ts hireAtTerms, sim/model/levels.ts levelValue): the same bits as the
 * definitions (hireEconomics at offerCash; a lookup by the level's name), on small worlds under
 * policies that take each piece of the offer and budget.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { CompPolicy, Params } from '../../sim/model/params.ts';
import { HIRE_CASH, HIRE_COST, HIRE_OUTPUT, hireAtTerms, hireEconomics, OFFER_TERMS, offerCash, offerCashTerms, TERM_EQUITY } from '../../sim/model/offers.ts';
import { levelValue } from '../../sim/model/levels.ts';
import { startRun } from '../../sim/run/simulate.ts';
import { NUM_LEVELS } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';

const everyPolicy = (over: Partial<CompPolicy>) => (p: Params) => {
  for (const t of Object.values(p.firmTypes)) Object.assign(t.policy, over);
};

/** A small world after `months` months (so firms have output and market means have moved). */
function worldAfter(months: number, change: (p: Params) => void): World {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = 600;
  p.run.firms = 10;
  p.run.years = 1;
  change(p);
  let world: World | undefined;
  const run = startRun(p, 2, { inspect: (w) => (world = w) });
  run.step(months);
  return world!;
}

const same = (got: number, want: number, what: string) => {
  if (!Object.is(got, want)) throw new Error(`${what}: ${got} ≠ ${want}`);
};

describe('hireAtTerms', () => {
  it('gives hireEconomics at offerCash bit for bit, for any posted value and pay factor', () => {
    const policies = [
      everyPolicy({}),
      everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.1, tokenBudgetFixed: 2_000 }),
      everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.5, tokenBudgetCap: 20_000 }),
    ];
    const t = new Float64Array(2 * OFFER_TERMS);
    const got = new Float64Array(3);
    const want = { output: 0, cost: 0 };
    let noOutput = 0;
    for (const change of policies) {
      const w = worldAfter(4, change);
      for (const f of w.firms) {
        const Y = f.Y;
        for (const zeroY of [false, true]) {
          if (zeroY) {
            f.Y = 0;
            noOutput++;
          }
          for (let l = 0; l < NUM_LEVELS; l++) {
            const posted = f.offerValue[l];
            for (const v of [posted, 0.5 * posted, 1.7 * posted, 0]) {
              for (const pf of [1, 0.8, 1.3]) {
                f.offerValue[l] = v;
                offerCashTerms(w, f, l, t, OFFER_TERMS);
                const cash = offerCash(w, f, l, pf);
                hireEconomics(w, f, l, cash, want);
                hireAtTerms(w, f, l, t, OFFER_TERMS, pf, got);
                const what = `slot ${f.slot} level ${l} value ${v} factor ${pf}`;
                same(got[HIRE_CASH], cash, `cash, ${what}`);
                same(got[HIRE_OUTPUT], want.output, `output, ${what}`);
                same(got[HIRE_COST], want.cost, `cost, ${what}`);
              }
            }
            f.offerValue[l] = posted;
          }
        }
        f.Y = Y;
      }
    }
    expect(noOutput).toBeGreaterThan(0);
  });
});

describe('levelValue and the terms’ equity', () => {
  it('read the level’s entry, as by[LEVELS[level]] does', () => {
    const by = { junior: 1.5, mid: 2.25, senior: 3.125, staff: 4.0625 };
    for (let l = 0; l < NUM_LEVELS; l++) expect(levelValue(by, l)).toBe(by[LEVELS[l]]);
    const w = worldAfter(1, () => {});
    const t = new Float64Array(OFFER_TERMS);
    for (const f of w.firms) {
      for (let l = 0; l < NUM_LEVELS; l++) {
        offerCashTerms(w, f, l, t, 0);
        expect(t[TERM_EQUITY]).toBe(f.tp.policy.equityByLevel[LEVELS[l]]);
      }
    }
  });
});
