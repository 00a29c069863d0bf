/**
 * What drives each scenario's result, for the findings: the mechanism in words, the outcomes
 * it moves, and counterfactual runs — the scenario with one channel switched off — whose
 * paired difference from the scenario shows how much of the result that channel carries.
 * The numbers are never typed here; the report computes them from runs.
 */
import { expandWildcard, setAt } from '../../model/paramPaths.ts';
import { DEFAULTS, cloneParams, firmTypeNames, type Params } from '../../model/params.ts';
import { metricQuantity, PRODUCTIVE_TOKENS, type Quantity } from './findingQuantities.ts';

export interface Counterfactual {
  /** Short name, used in headings and as the run's key. */
  name: string;
  /** The parameter values it sets (paths as in scenario files, `*` for every firm type), from the scenario's own. */
  overrides(p: Params): Readonly<Record<string, number>>;
  /** What reading the scenario against it isolates. */
  isolates: string;
}

export interface Mechanism {
  /** What the scenario changes and the channel through which it acts. */
  text: string;
  /** The outcomes the mechanism moves (first: the one the questions read). */
  outcomes: readonly Quantity[];
  counterfactuals: readonly Counterfactual[];
}

const q = metricQuantity;

/** Token pay as a tools budget (not counted as pay) at every firm type. */
const TOOLS_BUDGET: Counterfactual = {
  name: 'budget as a tools budget',
  overrides: () => ({ 'firmTypes.*.policy.tokenBudgetIsPay': 0 }),
  isolates: 'presenting the budget as pay: what engineers count in the package, at the same budget and the same token use',
};

/** Firm-specific leverage moved into portable fluency: the same ceiling of leverage, none of it lost on moving. */
const LEVERAGE_PORTABLE: Counterfactual = {
  name: 'all leverage portable',
  overrides: (p) => ({
    'engineers.firmLeverageMax': 0,
    'engineers.portableFluencyMax': p.engineers.portableFluencyMax + p.engineers.firmLeverageMax,
  }),
  isolates:
    'the handcuff of firm-specific leverage: the ceiling of firm-specific leverage φf, which a move resets to 0, is added to the portable ceiling instead, so an engineer can reach the same leverage and loses none of it on moving (portable fluency is learnt more slowly, at `engineers.learningRatePortable` rather than `engineers.learningRateFirm`)',
};

/** The scenario's CFO budgets at the default elasticity of substitution. */
const DEFAULT_SIGMA: Counterfactual = {
  name: `CFO budgets at σ = ${DEFAULTS.production.sigma}`,
  overrides: () => ({ 'production.sigma': DEFAULTS.production.sigma }),
  isolates: 'σ itself: the counterfactual keeps the CFO-set token budgets, so the difference is what the elasticity of substitution does',
};

export const MECHANISMS: Readonly<Record<string, Mechanism>> = {
  baseline: {
    text: 'The reference of the others: every firm buys each engineer a $2,400-a-year tools budget centrally (not pay), and the AI trends — token price, capability, the orchestration cap and agents’ autonomy — run at their defaults.',
    outcomes: [q('cash_base_median'), q('headcount'), q('quit_rate_annual')],
    counterfactuals: [],
  },
  'baseline-static': {
    text: 'The AI trends and the growth of the pool of entrants are frozen, and real demand growth is set by firm type: the difference from `baseline` is what the trends do — cheaper and more capable tokens and a growing orchestration cap change what an engineer can direct, and so output, the demand for engineers and pay.',
    outcomes: [q('cash_base_median'), q('headcount'), q('compute_share_of_output')],
    counterfactuals: [],
  },
  'cash-freeze': {
    text: 'Every annual raise is paid as token budget instead of cash: base cash no longer grows with raises while the budget does; the tokens lapse, so they add nothing to savings, while total compensation counts them at retail.',
    outcomes: [q('cash_base_median'), q('total_comp_mean'), q('wealth_median'), q('token_share_of_comp')],
    counterfactuals: [],
  },
  'cash-sensitive-region': {
    text: 'A regional firm type with its own labour market pays low salaries and 27 % of base in tokens, but its engineers value tokens at 40 % of the usual λ and can use only 60 % of hosted inference: the budget is worth little to them as pay.',
    outcomes: [q('token_pay_value_mean', 'region'), q('cash_base_median', 'region'), q('quit_rate_annual', 'region'), q('headcount', 'region')],
    counterfactuals: [
      {
        name: 'region values tokens fully',
        overrides: () => ({ 'firmTypes.region.tokenValuationMultiplier': 1, 'firmTypes.region.hostedUsableShare': 1 }),
        isolates: 'the region’s low valuation and usability of tokens: the same firms and pay, with tokens worth to its engineers what they are worth elsewhere',
      },
    ],
  },
  complements: {
    text: 'σ = 0.5: compute and engineers are complements, so more compute raises what an engineer adds; the CFO sets each firm’s token budget where compute’s marginal revenue meets its wholesale price. Two changes from `baseline` at once; the counterfactual separates them.',
    outcomes: [q('headcount'), q('compute_share_of_output'), q('token_spend_to_payroll')],
    counterfactuals: [DEFAULT_SIGMA],
  },
  substitutes: {
    text: 'σ = 3: compute and engineers are strong substitutes, so as compute gets cheaper firms produce with compute instead of engineers; the CFO sets each firm’s token budget where compute’s marginal revenue meets its wholesale price. Two changes from `baseline` at once; the counterfactual separates them.',
    outcomes: [q('headcount'), q('compute_share_of_output'), q('junior_share_of_hires'), q('cash_base_median')],
    counterfactuals: [DEFAULT_SIGMA],
  },
  'finops-governance': {
    text: 'The quota holds each engineer’s consumption to 80 % of their orchestration cap, below what they could use productively wherever the budget buys more: productive use falls to the quota and no room is left for waste. Chargebacks cut only the waste the quota leaves.',
    outcomes: [q('token_waste_share'), PRODUCTIVE_TOKENS, q('output_per_engineer'), q('headcount'), q('token_spend_to_payroll')],
    counterfactuals: [
      {
        name: 'chargebacks without a quota',
        overrides: () => ({ 'cfo.finopsQuotaShareOfCap': 0 }),
        isolates: 'the quota: the same chargebacks with no quota, so the difference is what the quota adds to them',
      },
    ],
  },
  'gpu-shortage': {
    text: 'List and wholesale token prices double in months 24–35: a budget stated in retail dollars buys half the tokens, and firms pay twice as much per token; read in the shortage and the year after, as well as at the horizon.',
    outcomes: [PRODUCTIVE_TOKENS, q('output_per_engineer'), q('token_spend_to_payroll'), q('headcount')],
    counterfactuals: [],
  },
  'huang-half-salary': {
    text: 'Half of base in tokens (up to $250,000 a year), presented as pay: the channels of `tunguz-100k` at about twice its budget — engineers count usable tokens at λ, firms pay for them at wholesale, and leverage built with use is partly firm-specific.',
    outcomes: [q('cash_base_median'), q('poaching_premium_median'), q('quit_rate_annual'), q('token_share_of_comp')],
    counterfactuals: [],
  },
  'portable-credits': {
    text: 'Unused budget accrues as a credit the engineer owns, vesting after 12 months of tenure: the unused part of the budget counts at its face value in the package the engineer would leave, and vested credits become wealth.',
    outcomes: [q('poaching_premium_median'), q('quit_rate_annual'), q('wealth_median'), q('cash_base_median')],
    counterfactuals: [
      {
        name: 'credits vest at once',
        overrides: () => ({ 'firmTypes.*.policy.creditVestingMonths': 0 }),
        isolates: 'the 12-month vesting of credits, the part of portability that ties an engineer to the firm',
      },
    ],
  },
  'price-crash': {
    text: 'List prices fall fivefold in the first year, slowing toward halving a year: a budget in retail dollars buys many more tokens, so more of it meets the orchestration cap, and firms pay wholesale while engineers are shown retail value.',
    outcomes: [PRODUCTIVE_TOKENS, q('headcount'), q('token_spend_to_payroll'), q('compute_share_of_output')],
    counterfactuals: [],
  },
  'startups-vs-bigtech': {
    text: 'Startups alone cut base by 20 % and pay half of base in tokens, as pay; engineers value usable tokens at λ (0.6 of retail on average), so the package is worth less to them than its retail total.',
    outcomes: [q('headcount', 'startup'), q('cash_base_median', 'startup'), q('quit_rate_annual', 'startup'), q('total_comp_mean', 'startup')],
    counterfactuals: [
      {
        name: 'startups cut base without token pay',
        overrides: () => ({ 'firmTypes.startup.policy.tokenBudgetIsPay': 0 }),
        isolates: 'what the startups’ token pay buys them: the same base cut, with the budget as a tools budget that engineers do not count as pay',
      },
    ],
  },
  tokenmaxxing: {
    text: '60 % of the budget an engineer cannot use productively is burned anyway (leaderboards): the waste adds to token spend and produces nothing.',
    outcomes: [q('token_waste_share'), q('token_spend_to_payroll'), PRODUCTIVE_TOKENS, q('output_per_engineer')],
    counterfactuals: [],
  },
  'tunguz-100k': {
    text: 'A token budget of 27 % of base, presented as pay: engineers count usable tokens at λ in the package, firms pay for them at wholesale, and the budget lets engineers use more of their orchestration cap, building leverage whose firm-specific part is lost on moving (the handcuff).',
    outcomes: [q('cash_base_median'), q('quit_rate_annual'), q('poaching_premium_median'), q('firm_specific_leverage_mean')],
    counterfactuals: [TOOLS_BUDGET, LEVERAGE_PORTABLE],
  },
};

/** The counterfactual's parameters: the scenario's with its overrides (a `*` path sets every firm type). */
export function counterfactualParams(p: Params, cf: Counterfactual): Params {
  const out = cloneParams(p);
  for (const [path, value] of Object.entries(cf.overrides(p))) {
    for (const concrete of expandWildcard(path, firmTypeNames(out))) setAt(out, concrete, value);
  }
  out.name = `${p.name}--${cf.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.slice(0, 100);
  return out;
}

/** `path = value` pairs of a counterfactual, for the report. */
export const overridesText = (p: Params, cf: Counterfactual): string =>
  Object.entries(cf.overrides(p))
    .map(([path, v]) => `\`${path}\` = ${v}`)
    .join(', ');
