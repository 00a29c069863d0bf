/**
 * Measurements that tie the model to the evidence (docs/validation.md), computed from the engine's
 * own functions (used by tests and the validation report).
 */
import type { Params } from '../../model/params.ts';
import { LEVELS } from '../../model/params.ts';
import { createWorld } from '../../run/simulate.ts';
import { UNEMPLOYED } from '../../model/world.ts';
import { computeInput } from '../../model/engineers.ts';

/** Cash + tokens accounting: tokens ÷ (cash + tokens). $100k on $375k → 0.21; half of base → 0.33. */
export function computeShareOfCashAndTokens(base: number, tokens: number): number {
  return tokens / (base + tokens);
}

export interface GainByLevel {
  level: string;
  /** Median individual output gain (share) across employed engineers of the level. */
  medianGain: number;
  engineers: number;
}

/**
 * The RCT design: give one engineer a token budget of `shareOfBase` × base (the Tunguz ratio
 * 0.27 by default) while colleagues and the firm's marginal products stay as they are, and
 * measure the engineer's output gain y'/y − 1 at month 0. Returns the median by level.
 */
export function individualGainAtBudget(p: Params, seed: number, shareOfBase = 100_000 / 375_000): GainByLevel[] {
  const w = createWorld(p, seed);
  const e = w.eng;
  const m = w.market.state;
  const pp = p.production;
  const gains: number[][] = LEVELS.map(() => []);
  for (let i = 0; i < e.n; i++) {
    const slot = e.employer[i];
    if (slot === UNEMPLOYED) continue;
    const f = w.firms[slot];
    const kappa = e.phiP[i] + e.phiF[i];
    const tokens = Math.min((shareOfBase * e.base[i]) / 12 / m.priceRetail, m.orchestrationCap * kappa);
    const cTreated = pp.c0 + (m.capability * kappa * Math.max(tokens, e.tokensUsed[i])) / pp.computeUnitMTokens;
    const y = f.YL * e.skill[i] + f.YC * computeInput(w, i);
    const yTreated = f.YL * e.skill[i] + f.YC * cTreated;
    gains[e.level[i]].push(yTreated / y - 1);
  }
  return LEVELS.map((level, l) => {
    const g = gains[l].sort((a, b) => a - b);
    return { level, medianGain: g.length ? g[Math.floor(g.length / 2)] : Number.NaN, engineers: g.length };
  });
}
