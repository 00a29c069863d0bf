/**
 * Default-size runs (10,000 engineers × 10 years, seeds 1, 2, …) for a CPU profile:
 * `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-run.ts [runs (default 1)]`.
 * Later runs show the warm engine; the first includes compilation.
 */
import { DEFAULTS, cloneParams } from '../sim/model/params.ts';
import { simulate } from '../sim/run/simulate.ts';
const runs = Number(process.argv[2] ?? 1);
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  const r = simulate(cloneParams(DEFAULTS), 1 + k);
  console.log(`seed ${1 + k}: ${((performance.now() - t0) / 1000).toFixed(3)} s, result ${r.resultHash}`);
}
