/**
 * The combined outputs read each run's record once (RecordCache): the same bytes whether the
 * records come from the cache, from the files, or partly from each; the cache keeps no more
 * series values than its limit.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunRecord, runFilePath } from '../../sim/cli/output/sweepFiles.ts';
import { COMBINED_FILES, RecordCache, writeCombinedOutputs } from '../../sim/cli/output/sweepOutputs.ts';
import { PKG, planOf, SWEEP, sweep, tmpPath } from './sweepHarness.ts';

const combined = (dir: string): string[] => COMBINED_FILES.map((f) => readFileSync(path.join(dir, f), 'utf8'));

describe('RecordCache', () => {
  it('gives the combined outputs the same bytes from records in memory, on file, or both, and holds no more than its limit', async () => {
    const ref = tmpPath('cache-ref');
    expect((await sweep([SWEEP, '--out', ref])).code).toBe(0);
    const plan = planOf(SWEEP);
    const expected = combined(ref);
    const record = (k: number) => parseRunRecord(readFileSync(runFilePath(ref, plan.runs[k].runId), 'utf8'));
    const perRun = record(0).series.reduce((n, s) => n + s.values.length, 0);
    expect(perRun).toBeGreaterThan(0);

    for (const held of [0, 1, 5, plan.runs.length]) {
      const dir = tmpPath(`cache-${held}`);
      cpSync(ref, dir, { recursive: true });
      for (const f of COMBINED_FILES) rmSync(path.join(dir, f));
      // Limit room for `held` runs' values, filled first with the last runs of the sweep (as a sweep fills it as runs finish).
      const cache = new RecordCache(held * perRun);
      for (let k = plan.runs.length - 1; k >= 0; k--) cache.add(plan.runs[k].runId, record(k));
      expect(cache.size).toBe(held);
      await writeCombinedOutputs(dir, plan, PKG, cache);
      expect(combined(dir)).toEqual(expected);
      expect(cache.size).toBe(held); // full: the records read from files were not kept
    }

    const empty = new RecordCache();
    const dir = tmpPath('cache-filled-by-reading');
    cpSync(ref, dir, { recursive: true });
    await writeCombinedOutputs(dir, plan, PKG, empty);
    expect(empty.size).toBe(plan.runs.length);
    expect(combined(dir)).toEqual(expected);
  });
});
