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
  const engineers = scenarios[0].run.engineers;
  const cmd = `npm run findings -- --seeds ${seeds.length}${opt('engineers') ? ` --engineers ${engineers}` : ''}${opt('years') ? ` --years ${years}` : ''}`;
  await writeFileAtomic(fileURLToPath(new URL('docs/findings.md', root)), findingsMarkdown(all, years, cmd, drivers));
  process.stdout.write(`wrote docs/findings.md (${all.length} scenarios × ${seeds.length} seeds, year ${years})\n`);
} finally {
  await pool.close();
}
