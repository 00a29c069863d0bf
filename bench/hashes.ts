/**
 * Result hashes of every scenario (1,000 engineers × 3 years, seeds 1–2) and of the default
 * size (10,000 × 10 years, seed 1) for baseline and tunguz-100k: an exact before/after check
 * for optimisations that must not change a result. Usage: npx tsx bench/hashes.ts > before.txt
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../sim/input/scenario.ts';
import { simulate } from '../sim/run/simulate.ts';

const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').sort()) {
  const p = parseScenario(readFileSync(dir + file, 'utf8'), file);
  const small = { ...p, run: { ...p.run, engineers: 1000, years: 3 } };
  const hs = [1, 2].map((seed) => simulate(small, seed).resultHash);
  let full = '';
  if (file === 'baseline.json' || file === 'tunguz-100k.json') {
    const t0 = performance.now();
    full = ` full ${simulate(p, 1).resultHash} (${((performance.now() - t0) / 1000).toFixed(2)} s)`;
  }
  console.log(`${file}: ${hs.join(' ')}${full}`);
}
