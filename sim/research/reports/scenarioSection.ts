/**
 * One scenario's section of docs/findings.md: its question, what it is read against, the
 * mechanism that drives it, and tables of every outcome at the horizon and in each of its
 * windows against its reference (paired seeds), then its counterfactuals.
 */
import type { ReadingWindow } from '../../input/scenarioReading.ts';
import type { Result } from '../../run/result.ts';
import { compareRuns, showDiff, showLevel, type Comparison } from './compareRuns.ts';
import { FINDING_QUANTITIES, type Quantity, type Span } from './findingQuantities.ts';
import { MECHANISMS } from './mechanisms.ts';

export interface CounterfactualRuns {
  runs: readonly Result[];
  /** The values it sets: "`path` = value, …". */
  change: string;
}

/** A scenario's runs (one per seed) and what it is read against. */
export interface ScenarioRuns {
  name: string;
  description: string;
  /** The scenario it is read against (undefined for the reference of all). */
  reference: string | undefined;
  windows: readonly ReadingWindow[];
  runs: readonly Result[];
  /** Runs of the counterfactuals named in MECHANISMS (same seeds) and what each sets, by counterfactual name. */
  counterfactuals: ReadonlyMap<string, CounterfactualRuns>;
}

/** The spans of a scenario: its windows that fit within `months`, then the horizon. */
export function spansOf(s: ScenarioRuns, horizon: Span, months: number): { spans: Span[]; skipped: string[] } {
  const fits = s.windows.filter((w) => w.startMonth + w.months <= months);
  const skipped = s.windows.filter((w) => !fits.includes(w)).map((w) => w.name);
  const spans = fits.map((w) => ({
    label: `the window “${w.name}” (${w.months === 1 ? `month ${w.startMonth}` : `months ${w.startMonth}–${w.startMonth + w.months - 1}, mean over its months`})`,
    window: w.name,
    startMonth: w.startMonth,
    months: w.months,
  }));
  return { spans: [...spans, horizon], skipped };
}

/** Table rows of `quantities`: this scenario, the other side, and the paired difference. */
function rows(comparisons: (Comparison | undefined)[]): string[] {
  return comparisons.flatMap((c) => {
    if (!c) return [];
    const unit = c.quantity.unit;
    return [`| ${c.quantity.key} | ${showLevel(unit, c.value)} | ${c.other ? showLevel(unit, c.other) : '—'} | ${c.diff ? showDiff(unit, c.diff) : '—'} |`];
  });
}

/** The section's Markdown; `byName` finds the reference's runs. */
export function scenarioSection(
  s: ScenarioRuns,
  byName: (name: string) => ScenarioRuns | undefined,
  horizon: Span,
  drivers: readonly string[] | undefined,
): string[] {
  const ref = s.reference === undefined ? undefined : byName(s.reference);
  const mech = MECHANISMS[s.name];
  const months = Math.min(...s.runs.map((r) => r.months), ...(ref ? ref.runs.map((r) => r.months) : []));
  const { spans, skipped } = spansOf(s, horizon, months);
  const out: string[] = [`### ${s.name}`, '', s.description, ''];
  out.push(
    s.reference === undefined
      ? 'Read against: nothing — the others are read against it.'
      : ref
        ? `Read against: \`${s.reference}\`, seed by seed (the same ${s.runs.length} seeds).`
        : `Read against: \`${s.reference}\`, which was not run.`,
    '',
  );
  out.push(mech ? `**Mechanism.** ${mech.text}` : '**Mechanism.** Not stated for this scenario.', '');
  if (drivers?.length) out.push(`Parameters that matter most here: ${drivers.map((p) => `\`${p}\``).join(', ')}.`, '');
  if (skipped.length) out.push(`Windows past this run's horizon, not reported: ${skipped.join(', ')}.`, '');
  const refLabel = s.reference ?? 'reference';
  for (const span of spans) {
    out.push(`${span.window === undefined ? 'At' : 'In'} ${span.label}:`, '', `| outcome | ${s.name} [95 %] | ${refLabel} [95 %] | paired difference [95 %] |`, '|---|---|---|---|');
    out.push(...rows(FINDING_QUANTITIES.map((q) => compareRuns(s.runs, ref?.runs, q, span))));
    out.push('');
  }
  for (const cf of mech?.counterfactuals ?? []) {
    const found = s.counterfactuals.get(cf.name);
    if (!found) continue;
    const runs = found.runs;
    out.push(`**Counterfactual: ${cf.name}** (${found.change}; the same seeds). It isolates ${cf.isolates}. At ${horizon.label}:`, '');
    out.push(`| outcome | ${s.name} [95 %] | ${cf.name} [95 %] | paired difference [95 %] |`, '|---|---|---|---|');
    out.push(...rows((mech?.outcomes ?? ([] as Quantity[])).map((q) => compareRuns(s.runs, runs, q, horizon))));
    out.push('');
  }
  return out;
}
