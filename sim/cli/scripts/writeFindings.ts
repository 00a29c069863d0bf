/**
 * `npm run findings`: runs every scenario under scenarios/ and the counterfactuals of each
 * (sim/research/reports/mechanisms.ts) over the same seeds on all cores, reads each scenario
 * against its reference seed by seed, and writes docs/findings.md. Options: --seeds N
 * (default 10), --engineers N (default: each scenario's), --years N (default: each
 * scenario's). Parameters that matter most come from docs/sensitivity/drivers.json when it exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenarioFile } from '../../input/scenario.ts';
import { referenceIssues, referenceIssueText } from '../../input/scenarioReading.ts';
import { unpackResult, type Result } from '../../run/result.ts';
import type { Params } from '../../model/params.ts';
import { findingsMarkdown, type ScenarioRuns } from '../../research/reports/findings.ts';
import { FINDING_QUANTITIES } from '../../research/reports/findingQuantities.ts';
import { counterfactualParams, MECHANISMS, overridesText } from '../../research/reports/mechanisms.ts';
import { passThrough, passThroughMarkdown } from '../../research/reports/passThrough.ts';
import { headcountMapMarkdown, type HeadcountMap } from '../../research/reports/headcountMap.ts';
import type { CounterfactualRuns } from '../../research/reports/scenarioSection.ts';
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
  const s = parseScenarioFile(readFileSync(new URL(`scenarios/${f}`, root), 'utf8'), `scenarios/${f}`);
  if (opt('engineers')) s.params.run.engineers = opt('engineers')!;
  if (opt('years')) s.params.run.years = opt('years')!;
  return s;
});
const problems = referenceIssues(scenarios.map((s) => ({ name: s.params.name, reference: s.reading.reference })));
if (problems.length > 0) {
  process.stderr.write(`${problems.map((i) => `scenarios/${referenceIssueText(i)}`).join('\n')}\n`);
  process.exit(2);
}
const years = Math.min(...scenarios.map((s) => s.params.run.years));

// Only the series the report reads are kept (every group of each metric).
const kept = new Set<string>(['cash_base_mean', 'token_pay_value_mean']);
for (const q of [...FINDING_QUANTITIES, ...Object.values(MECHANISMS).flatMap((m) => m.outcomes)]) q.metrics.forEach((m) => kept.add(m));
const trim = (r: Result): Result => ({ ...r, series: r.series.filter((s) => kept.has(s.metric)) });

const pool = createPool(defaultWorkers());
const t0 = Date.now();
/** Runs by parameters (name and description aside), so a counterfactual shared by two scenarios runs once. */
const started = new Map<string, Promise<Result[]>>();
const runAll = (p: Params, label: string): Promise<Result[]> => {
  const { name: _n, description: _d, ...rest } = p;
  const key = JSON.stringify(rest);
  let runs = started.get(key);
  if (!runs) {
    runs = Promise.all(seeds.map((seed) => pool.run(p, seed).then((packed) => trim(unpackResult(packed))))).then((rs) => {
      process.stderr.write(`${label}: ${seeds.length} seeds done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      return rs;
    });
    started.set(key, runs);
  }
  return runs;
};
try {
  const all: ScenarioRuns[] = await Promise.all(
    scenarios.map(async ({ params: p, reading }) => {
      // The scenario's runs go to the pool first, its counterfactuals' after them.
      const own = runAll(p, p.name);
      const cfs = MECHANISMS[p.name]?.counterfactuals ?? [];
      const cfRuns = cfs.map(async (cf): Promise<[string, CounterfactualRuns]> => [cf.name, { runs: await runAll(counterfactualParams(p, cf), `${p.name} / ${cf.name}`), change: overridesText(p, cf) }]);
      return {
        name: p.name,
        description: p.description,
        reference: reading.reference,
        windows: reading.windows,
        runs: await own,
        counterfactuals: new Map(await Promise.all(cfRuns)),
      };
    }),
  );
  const driversFile = new URL('docs/sensitivity/drivers.json', root);
  const drivers = existsSync(driversFile) ? (JSON.parse(readFileSync(driversFile, 'utf8')) as Record<string, string[]>) : {};
  // Who pays for token pay: tunguz-100k against its tools-budget counterfactual and against the baseline, paired seeds.
  const tunguz = all.find((s) => s.name === 'tunguz-100k');
  const tools = tunguz?.counterfactuals.get('budget as a tools budget');
  let passSection = '';
  if (tunguz && tools) {
    const payRuns = [...tunguz.runs];
    const groups = ['all', ...payRuns[0].firmTypes];
    const at = [5, years].filter((y, k, a) => y <= years && a.indexOf(y) === k);
    passSection = passThroughMarkdown(passThrough(payRuns, [...tools.runs], groups, at), tunguz.name, seeds.length, 'the same scenario with its budgets as tools budgets (not counted as pay): the presentation alone');
    const baseline = all.find((s) => s.name === 'baseline');
    if (baseline) {
      passSection += '\n' + passThroughMarkdown(passThrough(payRuns, [...baseline.runs], groups, at), tunguz.name, seeds.length, '`baseline` ($2,400 tools budgets): the size of the budget and its presentation together', false);
    }
  }
  // The headcount map over σ × autonomy growth (npm run map), where it has been generated.
  const mapFile = new URL('docs/headcount-map.json', root);
  if (existsSync(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as HeadcountMap & { command: string };
    passSection += `\n## Does cheaper compute cut or add engineers? It depends on σ and on agents' autonomy\n\nFrom \`${map.command}\` (docs/headcount-map.json).\n\n${headcountMapMarkdown(map)}\n`;
  }
  const engineers = scenarios[0].params.run.engineers;
  const cmd = `npm run findings -- --seeds ${seeds.length}${opt('engineers') ? ` --engineers ${engineers}` : ''}${opt('years') ? ` --years ${years}` : ''}`;
  await writeFileAtomic(fileURLToPath(new URL('docs/findings.md', root)), findingsMarkdown(all, years, cmd, drivers) + (passSection ? `\n${passSection}` : ''));
  const runs = started.size * seeds.length;
  process.stdout.write(`wrote docs/findings.md (${all.length} scenarios and their counterfactuals: ${runs} runs, ${seeds.length} seeds each, year ${years}; ${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
} finally {
  await pool.close();
}
