/**
 * What following a sample of engineers costs a run: a warm run of a scenario at its own size
 * without and with `{ agents }` (the page asks for 300 with each scenario's first seed),
 * alternating, medians of `runs` each after 3 warm-ups of each.
 *
 * Usage: npx tsx bench/agents-cost.ts [scenario (default scenarios/baseline.json)] [agents (300)] [runs (8)]
 * (bundle it with esbuild and run it with plain node for figures without tsx's loader.)
 */
import { readFileSync } from 'node:fs';
import { parseScenario } from '../sim/input/scenario.ts';
import { simulate } from '../sim/run/simulate.ts';

const [file = 'scenarios/baseline.json', agentsArg = '300', runsArg = '8'] = process.argv.slice(2);
const agents = Number(agentsArg);
const runs = Number(runsArg);
const p = parseScenario(readFileSync(file, 'utf8'), file);
for (let r = 0; r < 3; r++) {
  simulate(p, 1);
  simulate(p, 1, { agents });
}
const without: number[] = [];
const withSample: number[] = [];
for (let r = 0; r < runs; r++) {
  let t = performance.now();
  simulate(p, 1);
  without.push(performance.now() - t);
  t = performance.now();
  simulate(p, 1, { agents });
  withSample.push(performance.now() - t);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
console.log(`${file}, ${p.run.engineers.toLocaleString('en-US')} engineers × ${p.run.years} years: without ${median(without).toFixed(0)} ms, with ${agents} agents ${median(withSample).toFixed(0)} ms, ratio ${(median(withSample) / median(without)).toFixed(3)}`);
