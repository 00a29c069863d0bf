/**
 * Who pays for token pay (MODEL.md §10.3): the equilibrium pass-through of token pay to cash,
 * −Δcash ÷ Δ(λ̄·usable tokens at retail), by firm type, from paired runs with the same seeds —
 * a token-pay scenario against the same scenario with the budget as a tools budget (which
 * engineers do not count as pay). Cash falling one for one with the value of the tokens would
 * be 1; competition for engineers decides how much of the saving stays with firms.
 */
import { findSeries } from '../../run/result.ts';
import type { Result } from '../../run/result.ts';
import { tQuantile975 } from '../ensemble.ts';

export interface PassThrough {
  group: string;
  year: number;
  /** Mean over seeds of each seed's −Δcash ÷ value of token pay, and its 95 % interval. */
  mean: number;
  lo95: number;
  hi95: number;
  /** Mean Δ cash and mean value of token pay, $ per year. */
  cashChange: number;
  tokenValue: number;
}

const at = (r: Result, metric: 'cash_base_mean' | 'token_pay_value_mean', group: string, month: number): number => {
  const s = findSeries(r, metric, group);
  if (!s) throw new Error(`no series ${metric}/${group}`);
  return s[month - 1];
};

/** Pass-through by group and year from runs paired by seed (pay[k] and tools[k] share a seed). */
export function passThrough(pay: Result[], tools: Result[], groups: string[], years: number[]): PassThrough[] {
  const out: PassThrough[] = [];
  for (const group of groups) {
    for (const year of years) {
      const ratios: number[] = [];
      let cashChange = 0;
      let tokenValue = 0;
      pay.forEach((r, k) => {
        const dCash = at(r, 'cash_base_mean', group, 12 * year) - at(tools[k], 'cash_base_mean', group, 12 * year);
        const value = at(r, 'token_pay_value_mean', group, 12 * year);
        cashChange += dCash / pay.length;
        tokenValue += value / pay.length;
        if (value > 0) ratios.push(-dCash / value);
      });
      const n = ratios.length;
      const mean = ratios.reduce((a, b) => a + b, 0) / Math.max(1, n);
      const sd = n > 1 ? Math.sqrt(ratios.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
      const half = n > 1 ? tQuantile975(n - 1) * (sd / Math.sqrt(n)) : 0;
      out.push({ group, year, mean, lo95: mean - half, hi95: mean + half, cashChange, tokenValue });
    }
  }
  return out;
}

/** The findings section: one row per group and year. */
export function passThroughMarkdown(rows: PassThrough[], scenario: string, seeds: number, against: string, heading = true): string {
  const money = (x: number) => `${x < 0 ? '−' : ''}$${Math.round(Math.abs(x) / 1000)}k`;
  return [
    ...(heading
      ? [
          `## Who pays for token pay: pass-through to cash`,
          '',
          'Pass-through = −Δ cash ÷ the value of the token pay to engineers (λ × usable tokens at retail); 1 would mean cash',
          'falls one for one with what the tokens are worth to engineers. It is the outcome of competition for engineers, not',
          'an assumption: offers post a value, and cash is what is left of it after tokens and equity — but never more than a',
          'hire earns the firm, so where offers sit at marginal revenue, cash is set by what the package costs the firm',
          '(tokens at wholesale) rather than by how engineers value it.',
          '',
        ]
      : []),
    `\`${scenario}\` against ${against}; ${seeds} paired seeds.`,
    '',
    '| group | year | pass-through (95 % interval) | Δ cash | value of token pay |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.group} | ${r.year} | ${r.mean.toFixed(2)} (${r.lo95.toFixed(2)} – ${r.hi95.toFixed(2)}) | ${money(r.cashChange)} | ${money(r.tokenValue)} |`),
    '',
  ].join('\n');
}
