/**
 * A sweep makes the rows of series.csv and summary.csv of each finished run and point while
 * its other runs go on (RenderedRows): the combined outputs are the same bytes whichever rows
 * were made early, whichever were left to the end (over the limit, or not made at all), and in
 * whatever order the runs finished.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunRecord, runFilePath } from '../../sim/cli/output/sweepFiles.ts';
import { COMBINED_FILES, RecordCache, RENDERED_CHARS, RenderedRows, renderedCharsLimit, writeCombinedOutputs } from '../../sim/cli/output/sweepOutputs.ts';
import { PKG, planOf, sweep, tmpPath, writeSweep } from './sweepHarness.ts';

const combined = (dir: string): string[] => COMBINED_FILES.map((f) => readFileSync(path.join(dir, f), 'utf8'));

describe('RenderedRows', () => {
  // Three replicates, so a point's summary is made only when its last replicate is in, and its
  // interval is not empty (lo95 and hi95 differ from the mean).
  const file = writeSweep('rendered', { replicates: 3, groups: ['all', 'bigtech'] });
  const plan = planOf(file);
  // One sweep of it, whose run files and combined outputs every test reads (none writes there).
  let ref = '';
  beforeAll(async () => {
    ref = tmpPath('rendered-ref');
    expect((await sweep([file, '--out', ref])).code).toBe(0);
  });
  const recordOf = (runId: string) => parseRunRecord(readFileSync(runFilePath(ref, runId), 'utf8'));

  it('gives the same combined outputs whichever runs and points were rendered early, in any finishing order', async () => {
    const expected = combined(ref);
    const record = (k: number) => recordOf(plan.runs[k].runId);
    const n = plan.runs.length;
    const orders: [string, number[]][] = [
      ['plan order', [...Array(n).keys()]],
      ['reversed', [...Array(n).keys()].reverse()],
      ['interleaved', [...Array(n).keys()].filter((k) => k % 2 === 1).concat([...Array(n).keys()].filter((k) => k % 2 === 0))],
    ];
    // Room for everything, for about a third of it, and for nothing.
    const all = (() => {
      const cache = new RecordCache();
      const r = new RenderedRows(plan, cache);
      for (let k = 0; k < n; k++) {
        cache.add(plan.runs[k].runId, record(k));
        r.add(plan.runs[k], record(k));
      }
      return r;
    })();
    expect(all.size).toEqual({ runs: n, points: plan.points.length });
    const fullChars = 3 * 10 ** 6; // far above this sweep's rows
    for (const [label, order] of orders) {
      for (const limit of [fullChars, Math.floor(expected[2].length / 3), 0]) {
        const dir = tmpPath('rendered');
        cpSync(ref, dir, { recursive: true });
        for (const f of COMBINED_FILES) rmSync(path.join(dir, f));
        const cache = new RecordCache();
        const rendered = new RenderedRows(plan, cache, limit);
        for (const k of order) {
          cache.add(plan.runs[k].runId, record(k));
          rendered.add(plan.runs[k], record(k));
        }
        const made = rendered.size;
        if (limit === fullChars) expect(made, label).toEqual({ runs: n, points: plan.points.length });
        if (limit === 0) expect(made, label).toEqual({ runs: 0, points: 0 });
        if (limit !== fullChars && limit !== 0) {
          expect(made.runs + made.points, `${label}: some made`).toBeGreaterThan(0);
          expect(made.runs, `${label}: not all made`).toBeLessThan(n);
        }
        await writeCombinedOutputs(dir, plan, PKG, cache, undefined, rendered);
        expect(combined(dir), `${label}, limit ${limit}`).toEqual(expected);
      }
    }
  });

  it('queue() makes one run a turn of the event loop, after what is already waiting; stop() makes no more', async () => {
    const cache = new RecordCache();
    const rendered = new RenderedRows(plan, cache);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    for (const run of plan.runs.slice(0, 4)) {
      const rec = recordOf(run.runId);
      cache.add(run.runId, rec);
      rendered.queue(run, rec);
    }
    expect(rendered.size.runs).toBe(0); // nothing yet: this turn is not over
    await turn();
    expect(rendered.size.runs).toBe(1);
    await turn();
    expect(rendered.size.runs).toBe(2);
    rendered.stop();
    await turn();
    await turn();
    expect(rendered.size.runs).toBe(2);
    const more = plan.runs[5];
    rendered.queue(more, recordOf(more.runId));
    await turn();
    expect(rendered.seriesOf(more.runId)).toBeUndefined();
  });

  it('holds at most an eighth of the heap limit, and never more than RENDERED_CHARS', () => {
    expect(renderedCharsLimit(4 * 2 ** 30)).toBe(RENDERED_CHARS);
    expect(renderedCharsLimit(512 * 2 ** 20)).toBe(64 * 2 ** 20);
    expect(renderedCharsLimit(0)).toBe(0);
    expect(renderedCharsLimit()).toBeGreaterThan(0);
  });

  it('makes a point’s summary only once all its replicates are in', async () => {
    const cache = new RecordCache();
    const rendered = new RenderedRows(plan, cache);
    const point = plan.points[0].id;
    const runs = plan.runs.filter((r) => r.pointId === point);
    expect(runs.length).toBe(3);
    for (const [k, run] of runs.entries()) {
      const rec = recordOf(run.runId);
      cache.add(run.runId, rec);
      rendered.add(run, rec);
      expect(rendered.seriesOf(run.runId)?.seriesCount).toBe(rec.series.length);
      expect(rendered.summaryOf(point) !== undefined, `after replicate ${k + 1}`).toBe(k === 2);
    }
    // A replicate made again (as a queued run whose point others completed meanwhile): its point's summary is not made twice.
    const made = rendered.summaryOf(point);
    rendered.add(runs[0], cache.get(runs[0].runId)!);
    expect(rendered.summaryOf(point)).toBe(made);
  });
});
