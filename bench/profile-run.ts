/** One default-size run under the profiler: `node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-run.ts`. */
import { DEFAULTS, cloneParams } from '../sim/model/params.ts';
import { simulate } from '../sim/run/simulate.ts';
const t0 = performance.now();
const r = simulate(cloneParams(DEFAULTS), 1);
console.log(`${((performance.now() - t0) / 1000).toFixed(2)} s, result ${r.resultHash}`);
