/**
 * sim/model/application.ts writes out, for matching, the arithmetic of currentValue,
 * packageValue − movingLoss and applicantScore. These tests compare the written-out forms with
 * the definitions bit for bit, on worlds part-way through runs (employed and unemployed
 * searchers, every firm, own level and one below), under policies that take each branch.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, LEVELS, cloneParams } from '../../sim/model/params.ts';
import type { CompPolicy, Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import {
  app,
  APP_BUDGET,
  APP_CASH,
  APP_CURRENT,
  APP_SCORE,
  APP_VALUE,
  applicantScore,
  evaluateApplication,
  evaluateSearcher,
  scoreApplication,
} from '../../sim/model/application.ts';
import { currentValue, movingLoss, valueFactor } from '../../sim/model/jobValue.ts';
import { labourScratch, offerTermsOfFirms } from '../../sim/model/labour.ts';
import { offerCash } from '../../sim/model/offers.ts';
import { packageValue, policyBudget, skillPayFactor, usableTokenValue } from '../../sim/model/policy.ts';
import { startRun } from '../../sim/run/simulate.ts';
import { UNEMPLOYED } from '../../sim/model/world.ts';
import type { World } from '../../sim/model/world.ts';

const everyPolicy = (over: Partial<CompPolicy>) => (p: Params) => {
  for (const t of Object.values(p.firmTypes)) Object.assign(t.policy, over);
};

const same = (got: number, want: number, what: string) => {
  if (!Object.is(got, want)) throw new Error(`${what}: ${got} ≠ ${want}`);
};

/** Compares every engineer's application to every alive firm, at their level and one below; returns counts of what was covered. */
function compareAll(w: World, seen: { employed: number; unemployed: number; lossAversion: number; down: number }): void {
  const e = w.eng;
  const terms = offerTermsOfFirms(w, labourScratch(1, w.groups.count));
  for (let i = 0; i < e.n; i++) {
    const l = e.level[i];
    evaluateSearcher(w, i, l > 0);
    same(app[APP_CURRENT], currentValue(w, i), `current value of ${i}`);
    if (e.employer[i] === UNEMPLOYED) seen.unemployed++;
    else seen.employed++;
    for (const g of w.firms) {
      if (!g.alive) continue;
      for (const lv of l > 0 ? [l, l - 1] : [l]) {
        if (lv !== l) seen.down++;
        const pf = lv === l ? e.payFactor[i] : skillPayFactor(w, lv, e.skill[i]);
        const cash = offerCash(w, g, lv, pf);
        const budget = policyBudget(g.tp.policy, cash) * g.budgetScale;
        const newUsable = usableTokenValue(w, g, budget, e.phiP[i]);
        const loss = movingLoss(w, i, newUsable, valueFactor(w, g));
        const value = packageValue(w, g, e.lambda[i], cash, g.tp.policy.equityByLevel[LEVELS[lv]], budget, e.phiP[i]) - loss;
        if (loss > w.ratingPayLoss[l] * e.base[i] * e.moveDrop[i]) seen.lossAversion++;
        evaluateApplication(w, g, i, lv, l, terms);
        same(app[APP_CASH], cash, `cash of ${i} at slot ${g.slot} level ${lv}`);
        same(app[APP_BUDGET], budget, `budget of ${i} at slot ${g.slot} level ${lv}`);
        same(app[APP_VALUE], value, `value of ${i} at slot ${g.slot} level ${lv}`);
        scoreApplication(w, g, i, lv, terms);
        same(app[APP_SCORE], applicantScore(w, g, i, lv, cash, budget), `score of ${i} at slot ${g.slot} level ${lv}`);
      }
    }
  }
}

function check(change: (p: Params) => void, scenario?: string, lossAversion = true): void {
  const p = scenario ? parseScenario(readFileSync(`scenarios/${scenario}.json`, 'utf8'), scenario) : cloneParams(DEFAULTS);
  p.run.engineers = 400;
  p.run.firms = 8;
  p.run.years = 2;
  change(p);
  const seen = { employed: 0, unemployed: 0, lossAversion: 0, down: 0 };
  const run = startRun(p, 3, { inspect: (w) => (w.month % 7 === 0 ? compareAll(w, seen) : undefined) });
  run.step(run.months);
  expect(seen.employed).toBeGreaterThan(0);
  expect(seen.unemployed).toBeGreaterThan(0);
  expect(seen.down).toBeGreaterThan(0);
  // Loss aversion bites only where a budget is valued (token pay or a valued tools budget).
  if (lossAversion) expect(seen.lossAversion).toBeGreaterThan(0);
  else expect(seen.lossAversion).toBe(0);
}

describe('application arithmetic written out for matching', () => {
  it('gives currentValue, offerCash, packageValue − movingLoss and applicantScore bit for bit (defaults)', () => {
    check(() => {}, undefined, false);
  });
  it('does so with token pay, a performance top-up and a valued tools budget', () => {
    check((p) => {
      everyPolicy({ tokenBudgetIsPay: 1, tokenBudgetShareOfBase: 0.1, tokenBudgetFixed: 2_000, performanceTopUp: 0.5 })(p);
      p.labour.toolsBudgetValuation = 0.4;
    });
  });
  it('does so with portable tokens (portable-credits)', () => {
    check(() => {}, 'portable-credits');
  });
});
