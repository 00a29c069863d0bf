/**
 * The public metric contract: names, units and meanings. Researchers' scripts, the web page
 * and CI read these names; rename nothing without a deprecation. Money is US dollars per year
 * unless the name or unit says otherwise; shares are in [0, 1].
 */

/** Which groups a metric is reported for, besides `all`. */
export type GroupFamily = 'firmType' | 'level' | 'budgetQuartile';

export interface MetricDef<Name extends string = MetricName> {
  name: Name;
  unit: string;
  description: string;
  /** Group families reported in addition to `all`. */
  groups: readonly GroupFamily[];
}

const T: GroupFamily[] = ['firmType'];
const TL: GroupFamily[] = ['firmType', 'level'];
const L: GroupFamily[] = ['level'];
const NONE: GroupFamily[] = [];

const def = <Name extends string>(name: Name, unit: string, groups: readonly GroupFamily[], description: string): MetricDef<Name> => ({
  name,
  unit,
  description,
  groups,
});

/** The declarations, in output order; their names make the MetricName type. */
const DEFS = [
  // Wages (employed engineers)
  def('cash_base_mean', '$ per year', TL, 'Mean base cash of employed engineers.'),
  def('cash_base_median', '$ per year', TL, 'Median base cash of employed engineers.'),
  def('cash_base_p10', '$ per year', TL, '10th percentile of base cash of employed engineers.'),
  def('cash_base_p90', '$ per year', TL, '90th percentile of base cash of employed engineers.'),
  def('total_comp_mean', '$ per year', TL, 'Mean total compensation: base cash + equity grant + token budget at retail when it is presented as pay.'),
  def('token_share_of_comp', 'share', TL, 'Token budget presented as pay ÷ total compensation, summed over employed engineers.'),
  def('cash_raise_rate', 'share per year', TL, 'Mean cash raise at the most recent annual review (stayers, including promotions).'),
  def('wealth_mean', '$', TL, 'Mean engineer wealth (savings, vested equity, vested portable credits); firm type and level by current employer and level.'),
  def('wealth_median', '$', TL, 'Median engineer wealth.'),
  def('wealth_p10', '$', TL, '10th percentile of engineer wealth.'),
  def('token_pay_value_mean', '$ per year', TL, 'Mean value to employed engineers of the tokens in their pay: λ × usable tokens at retail, where the budget is presented as pay (0 for a tools budget). The denominator of the pass-through of token pay to cash.'),
  def('token_budget_mean', '$ per year retail', TL, 'Mean token budget of employed engineers (tools or pay), at retail value.'),
  // Substitution
  def('headcount', 'engineers', TL, 'Employed engineers.'),
  def('hires', 'engineers per month', TL, 'Engineers hired this month (from unemployment or another firm).'),
  def('layoffs', 'engineers per month', TL, 'Engineers laid off this month, including closures of exiting firms.'),
  def('unemployment_rate', 'share', L, 'Unemployed ÷ engineers in the labour force.'),
  def('token_spend_to_payroll', 'share', TL, 'Firms’ token spend at wholesale ÷ cash payroll (the "X % of payroll" figure).'),
  def('compute_share_of_output', 'share', T, 'Compute’s Euler share of output, Σ Y_C·C ÷ Σ Y (directed and autonomous compute).'),
  def('compute_cost_share', 'share', T, 'Compute’s share of factor cost: (pre-AI tooling + engineers’ tokens + agent tokens, at wholesale) ÷ (that + cash payroll + equity).'),
  def('autonomous_compute_share', 'share', T, 'Agents’ share of effective compute: autonomous compute X ÷ total effective compute C.'),
  def('agent_tokens', 'million tokens per month', T, 'Tokens firms run through agents with no one directing them (G).'),
  def('output_per_engineer', 'output units per month', TL, 'Mean output of employed engineers (Euler attribution).'),
  def('junior_share_of_hires', 'share', T, 'Juniors among hires over the last 12 months.'),
  def('headcount_target', 'engineers', T, 'Sum of the CFOs’ headcount targets.'),
  // Labour market flows
  def('labour_force', 'engineers', L, 'Engineers in the occupation, employed or unemployed (it changes with entry, exits and retirement).'),
  def('entrants', 'engineers per month', L, 'Engineers entering the occupation this month (from the cohort pool; by entry level).'),
  def('exits_to_other_occupations', 'engineers per month', L, 'Engineers leaving for other occupations this month (retirements not included).'),
  def('new_hire_cash_mean', '$ per year', TL, 'Mean base cash of engineers hired over the last 3 months (new-hire pay; by the hiring firm).'),
  def('vacancies', 'vacancies per month', TL, 'Vacancies posted this month (by the posting firm’s type and the vacancy’s level).'),
  def('tightness', 'vacancies per searcher', L, 'Vacancies ÷ searchers (unemployed and employed) this month, θ.'),
  def('job_finding_rate', 'share per month', L, 'Hires from unemployment ÷ unemployed engineers this month (by level).'),
  def('job_to_job_share_of_hires', 'share', TL, 'Hires of engineers employed elsewhere the month before ÷ all hires, over the last 12 months (by the hiring firm).'),
  def('counteroffers', 'engineers per month', TL, 'Accepted outside offers the employer matched this month, so the engineer stayed (by the employer).'),
  // Golden handcuffs
  def('quit_rate_annual', 'probability per year', TL, 'Voluntary quits over the last 12 months as an annual probability: 1 − exp(−12 × quits ÷ person-months employed), in [0, 1] for any group size.'),
  def('turnover_rate_annual', 'probability per year', TL, 'All separations from employment over the last 12 months (quits, layoffs, involuntary separations, exits to other occupations and retirements) as an annual probability: 1 − exp(−12 × separations ÷ person-months employed).'),
  def('job_to_job_moves', 'moves per year', TL, 'Engineers moving directly to another firm this month × 12 (by origin).'),
  def('mover_output_drop', 'share', L, 'Mean fall in movers’ relative productivity (output ÷ firm output per labour unit × skill) from their last month at the old firm to their first at the new one, over the last 12 months.'),
  def('poaching_premium_median', '$ per year', ['firmType', 'level', 'budgetQuartile'], 'Median extra cash an outside firm offering the market package must add to move an engineer (groups budget_q1…q4: quartiles of token budget).'),
  def('tenure_mean_months', 'months', TL, 'Mean tenure of employed engineers at their current firm.'),
  def('firm_specific_leverage_mean', 'leverage units', TL, 'Mean firm-specific leverage φf of employed engineers.'),
  // Token market
  def('token_price_retail', '$ per million tokens', NONE, 'Retail list price of the blended frontier mix.'),
  def('token_price_wholesale', '$ per million tokens', T, 'Price firms pay: retail × the type’s wholesale share (all: consumption-weighted).'),
  def('capability_index', 'index (month 0 = 1)', NONE, 'Useful work per token, Q.'),
  def('orchestration_cap', 'million tokens per month', NONE, 'Productive tokens one engineer can direct at leverage κ = 1.'),
  def('tokens_consumed', 'million tokens per month', TL, 'Tokens consumed: productive use plus waste.'),
  def('token_waste_share', 'share', TL, 'Tokens consumed without output (tokenmaxxing) ÷ tokens consumed.'),
  // Firms
  def('revenue', '$ per year', T, 'Firms’ revenue, annualised.'),
  def('profit_margin', 'share of revenue', T, 'Profit ÷ revenue (may be negative for startups).'),
  def('firm_cash', '$', T, 'Firms’ cash.'),
  def('firm_exits', 'firms per month', T, 'Firms that ran out of cash and exited this month.'),
] as const;

/** Every metric name: a misspelt name in the collector or a report fails to compile. */
export type MetricName = (typeof DEFS)[number]['name'];

/** Every metric, in output order (the order of the series in a Result). */
export const METRIC_DEFS: readonly MetricDef[] = DEFS;

const NAMES: ReadonlySet<string> = new Set(METRIC_DEFS.map((d) => d.name));

/** Whether `name` (read from a file or a flag) is a metric name. */
export const isMetricName = (name: string): name is MetricName => NAMES.has(name);

export const BUDGET_QUARTILES = ['budget_q1', 'budget_q2', 'budget_q3', 'budget_q4'] as const;
