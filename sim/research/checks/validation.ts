/**
 * The validation targets of the model (the evidence in docs/model.md), computed from runs of the engine and its own decision
 * rules (never typed by hand). Tests assert them; `npm run validate` writes docs/validation.md.
 */
import type { Params } from '../../model/params.ts';
import { DEFAULTS, cloneParams } from '../../model/params.ts';
import { budgetStep, marginalRevenuePerEngineer, marginalRevenuePerMTokens, optimalHeadcount } from '../../model/cfo.ts';
import { ces, production } from '../../model/production.ts';
import { computeShareOfCashAndTokens, individualGainAtBudget } from './calibration.ts';
import { simulate } from '../../run/simulate.ts';
import { findSeries } from '../../run/result.ts';
import type { Result } from '../../run/result.ts';
import type { MetricName } from '../../run/metricDefs.ts';
import type { Firm, World } from '../../model/world.ts';

/** One target: the model's value, what it should be, and whether it passes. */
export interface Check {
  target: string;
  value: number;
  expected: string;
  pass: boolean;
  /** How the value is measured, in a sentence. */
  how: string;
  /** How to show the value (default: a percentage). */
  unit?: 'percent' | 'number' | 'error';
}

/** A frictionless firm of identical engineers, for the closed-form and Hicks–Allen checks. */
export interface FrictionlessFirm {
  sigma: number;
  alpha: number;
  eta: number;
  overhead: number;
  A: number;
  Z: number;
  /** Skill per engineer. */
  s: number;
  kappa: number;
  c0: number;
  /** Monthly cash + equity per engineer, $. */
  wage: number;
  /** Wholesale $ per million tokens. */
  pw: number;
  capability: number;
  unit: number;
}

export const FRICTIONLESS: FrictionlessFirm = {
  sigma: 1,
  alpha: DEFAULTS.production.alpha,
  eta: DEFAULTS.production.eta,
  overhead: 0.3,
  A: 1.2,
  Z: 4e6,
  s: 1,
  kappa: 0.8,
  c0: DEFAULTS.production.c0,
  wage: 25_000,
  pw: 3,
  capability: 1,
  unit: DEFAULTS.production.computeUnitMTokens,
};

export interface SteadyState {
  N: number;
  /** Tokens per engineer per month, millions. */
  u: number;
  /** Token spend ÷ (wages + token spend). */
  tokenCostShare: number;
  /** Compute's Euler share of output. */
  computeOutputShare: number;
}

/**
 * Iterates the CFO's own rules on a frictionless firm: headcount jumps to N* each quarter, the
 * token budget follows the marginal-revenue rule; no cap, noise, dead band or limits.
 */
export function frictionlessSteadyState(m: FrictionlessFirm, quarters = 4000): SteadyState {
  const firm = {
    n: 0,
    revenue: 0,
    Y: 0,
    YC: 0,
    kappaBar: m.kappa,
    tp: { overheadShareOfRevenue: m.overhead, wholesaleDiscount: 1, funding: { planningRevenueMultiple: 1 } },
  } as unknown as Firm;
  const world = {
    p: { production: { computeUnitMTokens: m.unit } },
    market: { state: { capability: m.capability, priceRetail: m.pw, orchestrationCap: Infinity } },
  } as unknown as World;
  const out = production();
  let N = 100;
  let u = 10;
  for (let q = 0; q < quarters; q++) {
    const c = m.c0 + (m.capability * m.kappa * u) / m.unit;
    ces(m.A, N * m.s, N * c, m.alpha, m.sigma, out);
    firm.n = N;
    firm.Y = out.Y;
    firm.YC = out.YC;
    firm.revenue = m.Z * Math.pow(out.Y, m.eta);
    const nStar = optimalHeadcount(N, marginalRevenuePerEngineer(firm, m.eta), m.wage + u * m.pw, m.eta);
    const ratio = marginalRevenuePerMTokens(firm, world, m.eta) / m.pw;
    N = nStar;
    u *= budgetStep(ratio, 0.5);
  }
  const c = m.c0 + (m.capability * m.kappa * u) / m.unit;
  ces(m.A, N * m.s, N * c, m.alpha, m.sigma, out);
  return { N, u, tokenCostShare: (u * m.pw) / (m.wage + u * m.pw), computeOutputShare: (out.YC * N * c) / out.Y };
}

/**
 * The Cobb-Douglas optimum in closed form, derived from the first-order conditions: with
 * θ = (1 − overhead)·η and k = Q·κ/unit, N = a·R and C = b·R where a = θα/(w − p·c0/k),
 * b = θ(1 − α)·k/p and R = [Z·(A·s^α·a^α·b^(1−α))^η]^(1/(1−η)).
 */
export function cobbDouglasClosedForm(m: FrictionlessFirm): { N: number; u: number; tokenCostShare: number } {
  const theta = (1 - m.overhead) * m.eta;
  const k = (m.capability * m.kappa) / m.unit;
  const a = (theta * m.alpha) / (m.wage - (m.pw * m.c0) / k);
  const b = (theta * (1 - m.alpha) * k) / m.pw;
  const R = Math.pow(m.Z * Math.pow(m.A * Math.pow(m.s, m.alpha) * Math.pow(a, m.alpha) * Math.pow(b, 1 - m.alpha), m.eta), 1 / (1 - m.eta));
  const N = a * R;
  const u = ((b * R) / N - m.c0) / k;
  return { N, u, tokenCostShare: (u * m.pw) / (m.wage + u * m.pw) };
}

/** Headcount elasticity to the compute price (±0.5 %), measured and from s_C·(σ − ε). */
export function hicksAllen(sigma: number): { measured: number; predicted: number } {
  const m = { ...FRICTIONLESS, sigma, c0: 1e-6, alpha: 0.5 };
  const lo = frictionlessSteadyState({ ...m, pw: m.pw * 0.995 });
  const hi = frictionlessSteadyState({ ...m, pw: m.pw * 1.005 });
  const mid = frictionlessSteadyState(m);
  return {
    measured: Math.log(hi.N / lo.N) / Math.log(1.005 / 0.995),
    predicted: mid.tokenCostShare * (sigma - 1 / (1 - m.eta)),
  };
}

/** The baseline without token pay and without the AI trend: steady 5 % nominal demand growth. */
export function noTrendBaseline(): Params {
  const p = cloneParams(DEFAULTS);
  const m = p.market;
  m.priceDeclineFirstYear = m.priceDeclineLongRun = 1;
  m.capabilityGrowthFirstYear = m.capabilityGrowthLongRun = 1;
  m.orchestrationCapGrowthFirstYear = m.orchestrationCapGrowthLongRun = 1;
  m.priceVolatility = 0;
  for (const t of Object.values(p.firmTypes)) t.demandGrowthPerYear = 1.05;
  return p;
}

/** Labour-market statistics of runs over months [from, to) (0-based), averaged over runs. */
export function labourStats(runs: Result[], p: Params, from = 12, to = 60) {
  const mean = (metric: MetricName, a: number, b: number) =>
    runs.reduce((acc, r) => {
      const s = findSeries(r, metric)!;
      let sum = 0;
      for (let i = a; i < b; i++) sum += s[i];
      return acc + sum / (b - a) / runs.length;
    }, 0);
  const layoffRate = (12 * mean('layoffs', from, to)) / mean('headcount', from, to);
  const reviews = [23, 35, 47, 59].filter((mo) => mo < to);
  return {
    turnover: mean('quit_rate_annual', from, to) + layoffRate + p.labour.separationRatePerYear + p.engineers.retirementRatePerYear,
    raise: reviews.reduce((a, mo) => a + mean('cash_raise_rate', mo, mo + 1), 0) / reviews.length,
    tenureYears: mean('tenure_mean_months', from, to) / 12,
    unemployment: mean('unemployment_rate', from, to),
  };
}

const pct = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;

/** Every validation target with the model's value. */
export function validationChecks(): Check[] {
  const checks: Check[] = [];
  const tunguz = computeShareOfCashAndTokens(375_000, 100_000);
  checks.push({
    target: 'Accounting: $100k of tokens on a $375k base',
    value: tunguz,
    expected: '≈ 21 % of cash + tokens (20–22 %)',
    pass: tunguz > 0.2 && tunguz < 0.22,
    how: 'tokens ÷ (base + tokens)',
  });
  const huang = computeShareOfCashAndTokens(375_000, 0.5 * 375_000);
  checks.push({
    target: 'Accounting: tokens = 50 % of base',
    value: huang,
    expected: '≈ 33 % (1/3 ± 0.1 pp)',
    pass: Math.abs(huang - 1 / 3) < 0.001,
    how: 'tokens ÷ (base + tokens)',
  });

  const ss = frictionlessSteadyState(FRICTIONLESS);
  const cf = cobbDouglasClosedForm(FRICTIONLESS);
  const nErr = Math.abs(ss.N / cf.N - 1);
  checks.push({
    target: 'σ = 1: CFO steady-state headcount vs the Cobb-Douglas closed form',
    value: nErr,
    expected: 'relative error < 1e-6',
    pass: nErr < 1e-6,
    unit: 'error',
    how: "the CFO's quarterly rules iterated on a frictionless firm, against the first-order conditions solved in closed form",
  });
  const shareErr = Math.abs(ss.tokenCostShare - cf.tokenCostShare);
  checks.push({
    target: 'σ = 1: token share of cost vs the closed form',
    value: shareErr,
    expected: 'absolute error < 1e-6',
    pass: shareErr < 1e-6,
    unit: 'error',
    how: 'same run; compute’s Euler share of output is 1 − α = ' + (1 - FRICTIONLESS.alpha).toFixed(3) + ` (model ${ss.computeOutputShare.toFixed(3)})`,
  });

  for (const sigma of [3, 0.5]) {
    const h = hicksAllen(sigma);
    const ratio = h.measured / h.predicted;
    const sign = sigma > 2 ? 'positive: cheaper compute cuts headcount' : 'negative: cheaper compute raises headcount';
    checks.push({
      target: `Hicks–Allen at σ = ${sigma} (ε = 2): headcount elasticity to the compute price`,
      value: h.measured,
      expected: `${sign}; = s_C·(σ − ε) = ${h.predicted.toFixed(4)} within 1 %`,
      pass: Math.sign(h.measured) === Math.sign(h.predicted) && Math.abs(ratio - 1) < 0.01,
      unit: 'number',
      how: 'frictionless steady states at a wholesale price ±0.5 %',
    });
  }

  const gains = individualGainAtBudget(cloneParams(DEFAULTS), 1);
  for (const g of gains) {
    checks.push({
      target: `Output gain at the Tunguz budget, ${g.level}`,
      value: g.medianGain,
      expected: 'within the RCT range, +20 % … +56 %',
      pass: g.medianGain > 0.2 && g.medianGain < 0.56,
      how: 'one engineer given 27 % of base in tokens, the firm’s marginal products held (an RCT’s design); median over the level at month 0',
    });
  }
  const ordered = gains.every((g, k) => k === 0 || gains[k - 1].medianGain > g.medianGain);
  checks.push({
    target: 'Novices gain most',
    value: gains[0].medianGain / gains[2].medianGain,
    expected: 'gains fall with level; junior ÷ senior > 1.3',
    pass: ordered && gains[0].medianGain / gains[2].medianGain > 1.3,
    unit: 'number',
    how: 'ratio of the junior to the senior median gain',
  });

  const p = noTrendBaseline();
  const runs = [1, 2].map((seed) => simulate(p, seed));
  const ls = labourStats(runs, p);
  const how = 'baseline without the AI trend (5 % nominal demand growth), seeds 1–2, years 2–5';
  checks.push({ target: 'Annual turnover', value: ls.turnover, expected: '13 % (8–20 %)', pass: ls.turnover > 0.08 && ls.turnover < 0.2, how });
  checks.push({ target: 'Annual cash raise', value: ls.raise, expected: '3.5 % plus promotions (3–6.5 %)', pass: ls.raise > 0.03 && ls.raise < 0.065, how });
  checks.push({ target: 'Mean tenure (years)', value: ls.tenureYears, expected: '≈ 2 years (1–5; see docs/model.md)', pass: ls.tenureYears > 1 && ls.tenureYears < 5, how, unit: 'number' });
  checks.push({ target: 'Unemployment', value: ls.unemployment, expected: 'frictional (1–8 %)', pass: ls.unemployment > 0.01 && ls.unemployment < 0.08, how });

  let worst = 0;
  simulate(cloneParams(DEFAULTS), 1, {
    inspect: (w) => {
      for (const f of w.firms) if (f.alive && f.Y > 0) worst = Math.max(worst, Math.abs(f.outputSum / f.Y - 1));
    },
  });
  checks.push({
    target: 'Euler: individual outputs add up to firm output',
    value: worst,
    expected: 'every firm, every month: relative error < 1e-9',
    pass: worst < 1e-9,
    unit: 'error',
    how: 'largest |Σ y_i ÷ Y − 1| over all firms and months of a default 10-year run',
  });
  return checks;
}

/** Renders checks as the Markdown of docs/validation.md. */
export function validationMarkdown(checks: Check[], generatedBy: string): string {
  const fmt = (c: Check) =>
    c.unit === 'error' ? c.value.toExponential(1) : c.unit === 'number' ? c.value.toFixed(3) : pct(c.value);
  const rows = checks.map((c) => `| ${c.target} | ${fmt(c)} | ${c.expected} | ${c.pass ? 'pass' : '**FAIL**'} | ${c.how} |`);
  const failed = checks.filter((c) => !c.pass).length;
  return [
    '# Validation report',
    '',
    `Generated by \`${generatedBy}\` from runs of the engine; do not edit by hand. The evidence behind each`,
    'target is in docs/model.md; how each is measured is in the last column and in `sim/research/checks/validation.ts`.',
    '',
    `**${checks.length - failed} of ${checks.length} targets pass.**`,
    '',
    '| target | model | target value | result | how it is measured |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
