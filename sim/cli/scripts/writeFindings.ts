/**
 * `npm run findings`: runs every scenario under scenarios/ over several seeds on all cores,
 * summarises them, and writes docs/findings.md. Options: --seeds N (default 10),
 * --engineers N (default: each scenario's), --years N (default: each scenario's).
 * Parameters that matter most come from docs/sensitivity/drivers.json when it exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../input/scenario.ts';
import { unpackResult } from '../../run/result.ts';
import { summarize } from '../../research/ensemble.ts';
import { findingsMarkdown } from '../../research/reports/findings.ts';
import { passThrough, passThroughMarkdown } from '../../research/reports/passThrough.ts';
import { cloneParams } from '../../model/params.ts';
import type { ScenarioSummary } from '../../research/reports/findings.ts';
import { createPool, defaultWorkers } from '../parallel/pool.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';

const root = new URL('../../../', import.meta.url);
const args = process.argv.slice(2);
const opt = (name: string): number | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const seeds = Array.from({ length: opt('seeds') ?? 10 }, (_, k) => k + 1);
const files = readdirSync(new URL('scenarios/', root))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort((a, b) => (a === 'baseline.json' ? -1 : b === 'baseline.json' ? 1 : a.localeCompare(b)));
const scenarios = files.map((f) => {
  const p = parseScenario(readFileSync(new URL(`scenarios/${f}`, root), 'utf8'), `scenarios/${f}`);
  if (opt('engineers')) p.run.engineers = opt('engineers')!;
  if (opt('years')) p.run.years = opt('years')!;
  return p;
});
const years = Math.min(...scenarios.map((p) => p.run.years));
const pool = createPool(defaultWorkers());
const t0 = Date.now();
try {
  const all: ScenarioSummary[] = [];
  for (const p of scenarios) {
    const results = await Promise.all(seeds.map((seed) => pool.run(p, seed).then(unpackResult)));
    all.push({ name: p.name, description: p.description, summary: summarize(results) });
    process.stderr.write(`${p.name}: ${seeds.length} seeds done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const driversFile = new URL('docs/sensitivity/drivers.json', root);
  const drivers = existsSync(driversFile) ? (JSON.parse(readFileSync(driversFile, 'utf8')) as Record<string, string[]>) : {};
  // Who pays for token pay: tunguz-100k against its tools-budget twin, paired seeds.
  const tunguz = scenarios.find((p) => p.name === 'tunguz-100k');
  let passSection = '';
  if (tunguz) {
    const tools = cloneParams(tunguz);
    for (const t of Object.values(tools.firmTypes)) t.policy.tokenBudgetIsPay = 0;
    const payRuns = await Promise.all(seeds.map((seed) => pool.run(tunguz, seed).then(unpackResult)));
    const toolRuns = await Promise.all(seeds.map((seed) => pool.run(tools, seed).then(unpackResult)));
    const baseline = scenarios.find((p) => p.name === 'baseline');
    const groups = ['all', ...payRuns[0].firmTypes];
    const at = [5, years].filter((y, k, a) => y <= years && a.indexOf(y) === k);
    passSection = passThroughMarkdown(passThrough(payRuns, toolRuns, groups, at), tunguz.name, seeds.length, 'the same scenario with its budgets as tools budgets (not counted as pay): the presentation alone');
    if (baseline) {
      const baseRuns = await Promise.all(seeds.map((seed) => pool.run(baseline, seed).then(unpackResult)));
      passSection += '\n' + passThroughMarkdown(passThrough(payRuns, baseRuns, groups, at), tunguz.name, seeds.length, '`baseline` ($2,400 tools budgets): the size of the budget and its presentation together', false);
    }
  }
  const engineers = scenarios[0].run.engineers;
  const cmd = `npm run findings -- --seeds ${seeds.length}${opt('engineers') ? ` --engineers ${engineers}` : ''}${opt('years') ? ` --years ${years}` : ''}`;
  await writeFileAtomic(fileURLToPath(new URL('docs/findings.md', root)), findingsMarkdown(all, years, cmd, drivers) + (passSection ? `\n${passSection}` : ''));
  process.stdout.write(`wrote docs/findings.md (${all.length} scenarios × ${seeds.length} seeds, year ${years})\n`);
} finally {
  await pool.close();
}
