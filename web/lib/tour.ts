/**
 * The guided path: a few steps, each setting the view (a query the URL would hold) and saying
 * in two sentences what to notice in one chart, then the open sandbox. The sentences point at
 * what to look for; the chart's own takeaway gives the numbers of the run in front of the reader.
 */
export interface TourStep {
  id: string;
  title: string;
  /** The view, as the URL holds it (lib/urlState.ts). */
  query: string;
  /** The chart it points at (a CHARTS id). */
  chart: string;
  /** Two sentences: what to notice, and why. */
  notice: string;
}

export const TOUR: readonly TourStep[] = [
  {
    id: 'pay',
    title: 'Tokens as pay',
    query: '?s=baseline,tunguz-100k&focus=1&seeds=3&seed=1',
    chart: 'wages',
    notice:
      'With $100k of tokens on a $375k base (orange), total compensation (dotted) climbs well above the no-token case (blue), while median cash pay (solid) does not keep up. ' +
      'The budget is counted at the retail price, but only the tokens an engineer can direct are worth anything to them, and none of it is cash.',
  },
  {
    id: 'replace',
    title: 'Can compute replace engineers?',
    query: '?s=complements,substitutes&focus=1&seeds=3&seed=1',
    chart: 'substitution',
    notice:
      'When people and compute are substitutes (σ = 3, orange), headcount falls as compute gets cheaper and compute takes over almost all of output; as complements (σ = 0.5, blue), it does not. ' +
      'Whether cheaper compute cuts jobs depends on σ against how strongly demand responds to price (ε): no single number is the answer.',
  },
  {
    id: 'handcuffs',
    title: 'Golden handcuffs',
    query: '?s=baseline,tunguz-100k,portable-credits&focus=2&seeds=3&seed=1',
    chart: 'handcuffs',
    notice:
      'A token budget raises the cash a rival must add to hire an engineer away, most for those with the largest budgets, and voluntary quits fall. ' +
      'Compare the green scenario, where unused tokens become the engineer’s own credit: see whether the premium and the quits move back toward the no-token case.',
  },
  {
    id: 'who-pays',
    title: 'Who pays?',
    query: '?s=baseline,tunguz-100k,cash-freeze&focus=2&seeds=3&seed=1',
    chart: 'wealth',
    notice:
      'When raises are paid in tokens (green), total compensation keeps rising while cash stays flat. ' +
      'Tokens do not vest, grow or transfer, so look at wealth at the horizon: savings come from cash, and the engineers’ wealth shows who bore the cost.',
  },
];
