/** The pool for a lone run on the CLI's own thread (sim/cli/parallel/inProcess.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createInProcessPool } from '../../sim/cli/parallel/inProcess.ts';
import type { Params } from '../../sim/model/params.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { packResult } from '../../sim/run/result.ts';
import { simulate } from '../../sim/run/simulate.ts';

function small(engineers: number, years: number): Params {
  const p = parseScenario(readFileSync('scenarios/baseline.json', 'utf8'), 'baseline.json');
  p.run.engineers = engineers;
  p.run.years = years;
  return p;
}

describe('in-process pool', () => {
  it('gives the packed result of simulate(), sample of engineers included, run after run', async () => {
    const params = small(600, 2);
    const pool = createInProcessPool();
    const [a, b] = await Promise.all([pool.run(params, 1), pool.run(params, 2, 5)]);
    await pool.close();
    expect(a).toEqual(packResult(simulate(params, 1)));
    expect(b).toEqual(packResult(simulate(params, 2, { agents: 5 })));
    expect(b.agents?.count).toBe(5);
  });

  it('lets the event loop turn during a run, and close() stops it', async () => {
    const params = small(10_000, 10);
    const pool = createInProcessPool();
    const job = pool.run(params, 1);
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const closing = pool.close();
    await expect(job).rejects.toThrow(/the pool was closed/);
    await closing;
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    await expect(pool.run(params, 2)).rejects.toThrow(/closed/);
  });
});
