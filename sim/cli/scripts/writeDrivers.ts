/**
 * `npm run drivers`: Morris screening of every scenario under scenarios/ with the factors and
 * outputs of scenarios/sensitivity/tunguz-drivers.json (base replaced by each scenario), then
 * ranks factors by μ* normalised within each output and averaged over outputs. Writes
 * docs/sensitivity/<scenario>.json (full indices, for the web page) and
 * docs/sensitivity/drivers.json (the three that matter most per scenario, for the findings).
 * Options: --trajectories N (default 6), --engineers N (default 2000).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../input/scenario.ts';
import { parseSensitivitySpec } from '../../research/sensitivity/sensitivitySpec.ts';
import { rankDrivers, runSensitivity } from '../commands/sensitivityCommand.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';

const root = new URL('../../../', import.meta.url);
const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const specText = readFileSync(new URL('scenarios/sensitivity/tunguz-drivers.json', root), 'utf8');
const spec = parseSensitivitySpec(specText, 'scenarios/sensitivity/tunguz-drivers.json');
spec.morris.trajectories = opt('trajectories', 6);
const files = readdirSync(new URL('scenarios/', root)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort();
const outDir = fileURLToPath(new URL('docs/sensitivity/', root));
const drivers: Record<string, string[]> = {};
const t0 = Date.now();
for (const f of files) {
  const base = parseScenario(readFileSync(new URL(`scenarios/${f}`, root), 'utf8'), `scenarios/${f}`);
  base.run.engineers = opt('engineers', 2000);
  const report = await runSensitivity({ ...spec, name: `${base.name}-drivers`, base: `../${f}` }, base, {});
  const ranked = rankDrivers(report);
  drivers[base.name] = ranked.slice(0, 3).map((r) => r.path);
  await writeFileAtomic(`${outDir}/${base.name}.json`, JSON.stringify({ ...report, ranking: ranked }, null, 2) + '\n');
  process.stderr.write(`${base.name}: ${drivers[base.name].join(', ')} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
await writeFileAtomic(`${outDir}/drivers.json`, JSON.stringify(drivers, null, 2) + '\n');
process.stdout.write(`wrote docs/sensitivity/ (${files.length} scenarios, ${spec.morris.trajectories} trajectories each)\n`);
