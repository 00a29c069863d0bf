/**
 * The calibration report as text: the estimates with standard errors and intervals, the fit
 * of each moment, the misfit test, identification (singular values, weak directions) and the
 * sensitivity of each estimate to each moment. Markdown tables, so the same text is printed by
 * `tokensim calibrate`, written to its report.md and to docs/calibration.md. Pure.
 */
import { specFor } from '../../model/paramPaths.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import type { CalibrationReport } from './smm.ts';
import { WEAK_SINGULAR_VALUE } from './inference.ts';

/** A number to 3 significant figures (plain, not exponential, in the usual ranges). */
export function sig(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '–' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return v.toFixed(decimals).replace(/^-/, '−');
}

const unitOfParam = (path: string): string => specFor(path)?.unit ?? '';
const labelOfParam = (path: string): string => specFor(path)?.label ?? path;
const unitOfMetric = (metric: string): string => METRIC_DEFS.find((d) => d.name === metric)?.unit ?? '';

export function formatCalibration(r: CalibrationReport): string {
  const lines: string[] = [];
  const S = r.seeds.length;
  lines.push(
    `Calibration **${r.name}** of \`${r.base}\` by simulated moments: ${r.estimates.length} parameters, ${r.moments.length} moments, ` +
      `${r.engineers.toLocaleString('en-US')} engineers × ${r.years} years, seeds ${r.seeds.join(', ')} for every candidate (common random numbers); ` +
      `${r.candidates.toLocaleString('en-US')} candidates, ${r.runs.toLocaleString('en-US')} runs.`,
    '',
    '### Estimates',
    '',
    '| parameter | estimate | s.e. | 95 % interval | bounds | unit | identified |',
    '|---|---:|---:|---|---|---|---|',
  );
  for (const e of r.estimates) {
    lines.push(
      `| \`${e.path}\` (${labelOfParam(e.path)}) | ${sig(e.estimate)} | ${sig(e.se, 2)} | ${e.identified ? `${sig(e.lo95)} – ${sig(e.hi95)}` : 'not identified'} | ${sig(e.lower)} – ${sig(e.upper)} | ${unitOfParam(e.path)} | ${e.identified ? 'yes' : '**no**'} |`,
    );
  }
  lines.push(
    '',
    'Standard errors from the sandwich (D′WD)⁻¹D′W(Ω + Σ_sim/S)WD(D′WD)⁻¹, with Ω the moments’ widths squared and Σ_sim the across-seed covariance of the moments at the estimate; 95 % intervals θ̂ ± 1.96·s.e., clipped to the bounds. ' +
      'Widths from evidence ranges are plausibility widths ((hi − lo)/4), not sampling errors, so these intervals say how tightly the evidence as stated pins each value, not a sampling confidence.',
    '',
    '### Fit',
    '',
    '| moment | metric (group), window | target | width s | fit | sim. s.e. | (fit − target) ÷ √(s² + Σ/S) | source |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  );
  for (const m of r.moments) {
    const unit = unitOfMetric(m.metric);
    lines.push(
      `| ${m.name} | \`${m.metric}\` (${m.group}), years ${m.window[0]}–${m.window[1]}, ${m.statistic} [${unit}] | ${sig(m.target)} | ${sig(m.width, 2)} (${m.widthFrom}) | ${sig(m.fit)} | ${sig(m.simulationSe, 2)} | ${sig(m.tStat, 2)}${Math.abs(m.tStat) > 2 ? ' **miss**' : ''} | ${m.source} |`,
    );
  }
  const { statistic, df, pValue } = r.misfit;
  lines.push(
    '',
    `Objective J = ${sig(r.objective)} (Σ ((fit − target) ÷ s)²). Misfit test: e′(Ω + Σ_sim/S)⁻¹e = ${sig(statistic)} against χ²(${df})` +
      (df > 0 ? `, p = ${sig(pValue, 2)}${pValue < 0.05 ? ': the model cannot match these targets together at the stated widths' : ': no evidence of misfit'}.` : ': exactly identified, no test.'),
    '',
    '### Identification',
    '',
    `Singular values of W^½·D·diag(hi − lo) (moments in widths per whole bound range): ${r.singularValues.map((v) => sig(v)).join(', ')}. ` +
      `Along a direction with singular value σ a 95 % interval spans about 2·1.96/σ whole bound ranges, so a value below ${sig(WEAK_SINGULAR_VALUE)} marks a direction the moments cannot narrow within the bounds. ` +
      'A parameter is identified when it has little weight (< 0.5) in every such direction and its ±1.96·s.e. interval is narrower than its bounds.',
  );
  if (r.weakDirections.length === 0) lines.push('', `Every direction is pinned (no singular value below ${sig(WEAK_SINGULAR_VALUE)}).`);
  for (const d of r.weakDirections) {
    const main = d.loadings.filter((l) => Math.abs(l.loading) >= 0.3).map((l) => `${sig(l.loading, 2)} × \`${l.path}\``);
    lines.push('', `Weak direction (singular value ${sig(d.singularValue)}): ${main.join(' + ')}${main.length > 1 ? ': the moments cannot tell these apart' : ': the moments barely move with it'}.`);
  }
  lines.push(
    '',
    `Jacobian by central differences at ${Math.round(100 * r.jacobian.step)} % of each bound range, checked at ${Math.round(200 * r.jacobian.step)} %: relative difference ${r.estimates.map((e, i) => `${sig(r.jacobian.relativeDifference[i], 2)} (\`${e.path}\`)`).join(', ')}. ` +
      'Agent-based moments are step functions of θ, so a large difference means the local slope is uncertain and so is the standard error.',
    '',
    '### Which moments pin which parameters',
    '',
    'Sensitivity Λ = (D′WD)⁻¹D′W (Andrews, Gentzkow & Shapiro 2017; their −(G′WG)⁻¹G′W with G = ∂(target − moment)/∂θ = −D), scaled per width: how far each estimate would move, in its own unit, if a target rose by one width.',
    '',
  );
  if (r.sensitivityPerWidth) {
    lines.push(`| parameter | ${r.moments.map((m) => m.name).join(' | ')} |`, `|---|${r.moments.map(() => '---:').join('|')}|`);
    r.estimates.forEach((e, i) => {
      const row = r.sensitivityPerWidth![i];
      const top = Math.max(...row.map(Math.abs));
      lines.push(`| \`${e.path}\` | ${row.map((v) => (Math.abs(v) === top && top > 0 ? `**${sig(v, 2)}**` : sig(v, 2))).join(' | ')} |`);
    });
    lines.push('', 'Bold: the moment that moves the estimate most.');
  } else {
    lines.push('D′WD cannot be inverted at the estimate: the moments do not pin the parameters (see Identification).');
  }
  lines.push('', '### Starts', '', '| start | from | estimate | objective | candidates | converged |', '|---:|---|---|---:|---:|---|');
  r.starts.forEach((s, k) => {
    lines.push(`| ${k + 1} | ${s.start.map((v) => sig(v)).join(', ')} | ${s.estimate.map((v) => sig(v)).join(', ')} | ${sig(s.objective)} | ${s.evaluations} | ${s.converged ? 'yes' : 'no (candidate limit)'} |`);
  });
  lines.push('', `Every candidate ran seeds ${r.seeds.join(', ')} (S = ${S}).`);
  return lines.join('\n') + '\n';
}
