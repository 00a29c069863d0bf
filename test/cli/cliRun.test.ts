/** The pieces behind `tokensim run`/`compare`/`validate`/`schema`, in process (no worker threads). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareLabels } from '../../sim/cli/output/compareTable.ts';
import { parseCompareArgs, parseYearList, withReference } from '../../sim/cli/commands/compareCommand.ts';
import { formatDifference, formatInterval, formatSummaryTable, summaryAtYear } from '../../sim/cli/output/headlineTable.ts';
import { jsonNumbers, seriesJsonHead, seriesJsonRun, SERIES_JSON_TAIL, summaryJsonChunks } from '../../sim/cli/output/jsonOutput.ts';
import { main } from '../../sim/cli/main.ts';
import type { Pool } from '../../sim/cli/parallel/pool.ts';
import { formatDuration, formatRunsProgress, runsProgress } from '../../sim/cli/output/progressReporter.ts';
import { jobsFor, runOrdered, type RunJob } from '../../sim/cli/parallel/runOrdered.ts';
import { SERIES_CSV_HEADER, seriesCsvChunks, seriesCsvRowChunks } from '../../sim/cli/output/seriesCsv.ts';
import { countSummaryRows, SUMMARY_CSV_HEADER, summaryCsvChunks } from '../../sim/cli/output/summaryCsv.ts';
import { isSchemaFile, looksLikeSweep, validateText } from '../../sim/cli/commands/validateCommand.ts';
import { WriteAbortedError } from '../../sim/cli/output/atomicOutput.ts';
import { summarize } from '../../sim/research/ensemble.ts';
import { cloneParams, DEFAULTS, type Params } from '../../sim/model/params.ts';
import { packResult, type PackedResult, type Result } from '../../sim/run/result.ts';
import { writeSchemaText } from '../../sim/input/scenario.ts';
import { captureIO } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-run-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

const PKG = { name: 'tokensim', version: '9.9.9' };


/** A result with two series (headcount and token_share_of_comp, group all) whose values depend on the seed. */
function seededResult(seed: number, months = 24, scenario = 'fake'): Result {
  const at = (m: number, base: number): number => base + seed * 10 + m;
  return {
    scenario,
    seed,
    months,
    paramsHash: 'p',
    resultHash: `r${seed}`,
    firmTypes: [],
    series: [
      { metric: 'headcount', group: 'all', values: Float64Array.from({ length: months }, (_, m) => at(m, 1000)) },
      { metric: 'token_share_of_comp', group: 'all', values: Float64Array.from({ length: months }, (_, m) => (seed + m) / 100) },
    ],
  };
}

const paramsNamed = (name: string): Params => ({ ...cloneParams(DEFAULTS), name });

/** A pool whose jobs finish when the test says: `finish(seed)` resolves every pending job with that seed. */
function manualPool(): Pool & { pending: () => number[]; finish: (seed: number, scenario?: string) => void; fail: (seed: number, message: string) => void } {
  const jobs: { params: Params; seed: number; resolve: (r: PackedResult) => void; reject: (e: Error) => void }[] = [];
  const take = (seed: number, scenario?: string) => {
    const k = jobs.findIndex((j) => j.seed === seed && (scenario === undefined || j.params.name === scenario));
    if (k < 0) throw new Error(`no pending job for seed ${seed}`);
    return jobs.splice(k, 1)[0];
  };
  return {
    size: 1,
    run: (params, seed) => new Promise((resolve, reject) => jobs.push({ params, seed, resolve, reject })),
    close: async () => undefined,
    pending: () => jobs.map((j) => j.seed),
    finish(seed, scenario) {
      const job = take(seed, scenario);
      job.resolve(packResult(seededResult(seed, 24, job.params.name)));
    },
    fail(seed, message) {
      take(seed).reject(new Error(message));
    },
  };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('runs delivered in order', () => {
  it('hands results on in seed order per scenario, whatever order the runs finish in', async () => {
    const pool = manualPool();
    const scenarios = [{ params: paramsNamed('a') }, { params: paramsNamed('b') }];
    const jobs = jobsFor(scenarios, [3, 1, 2]);
    expect(jobs.map((j) => `${j.params.name}${j.seed}/${j.stream}`)).toEqual(['a3/0', 'a1/0', 'a2/0', 'b3/1', 'b1/1', 'b2/1']);
    const delivered: string[] = [];
    const finishedCounts: number[] = [];
    const done = runOrdered(pool, jobs, (job: RunJob, _k, result) => void delivered.push(`${job.params.name}${result.seed}`), {
      onRunDone: (n) => void finishedCounts.push(n),
    });
    pool.finish(2, 'a');
    pool.finish(1, 'b');
    await tick();
    expect(delivered).toEqual([]); // a3 and b3 are not done yet
    pool.finish(3, 'b');
    await tick();
    expect(delivered).toEqual(['b3', 'b1']);
    pool.finish(3, 'a');
    await tick();
    expect(delivered).toEqual(['b3', 'b1', 'a3']); // a1 still missing
    pool.finish(1, 'a');
    pool.finish(2, 'b');
    await done;
    // Within a scenario the order is fixed; across scenarios it may interleave.
    expect(delivered.filter((d) => d.startsWith('a'))).toEqual(['a3', 'a1', 'a2']);
    expect(delivered.filter((d) => d.startsWith('b'))).toEqual(['b3', 'b1', 'b2']);
    expect(finishedCounts).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('fails on the first failed run, naming scenario and seed, and delivers nothing after it', async () => {
    const pool = manualPool();
    const delivered: number[] = [];
    const done = runOrdered(pool, jobsFor([{ params: paramsNamed('a') }], [1, 2, 3]), (_j, _k, r) => void delivered.push(r.seed));
    pool.fail(2, 'engine exploded');
    await expect(done).rejects.toThrow('a seed 2: engine exploded');
    pool.finish(1);
    await tick();
    expect(delivered).toEqual([]);
  });

  it('rejects with WriteAbortedError as soon as the signal aborts', async () => {
    const pool = manualPool();
    const controller = new AbortController();
    const done = runOrdered(pool, jobsFor([{ params: paramsNamed('a') }], [1, 2]), () => undefined, { signal: controller.signal });
    controller.abort();
    await expect(done).rejects.toBeInstanceOf(WriteAbortedError);
  });

  it('waits for each delivery before the next of the same scenario', async () => {
    const pool = manualPool();
    const log: string[] = [];
    const done = runOrdered(pool, jobsFor([{ params: paramsNamed('a') }], [1, 2]), async (_j, _k, r) => {
      log.push(`start ${r.seed}`);
      await new Promise((res) => setTimeout(res, 10));
      log.push(`end ${r.seed}`);
    });
    pool.finish(1);
    pool.finish(2);
    await done;
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });
});

describe('multi-seed files', () => {
  const results = [1, 2, 3].map((s) => seededResult(s));
  const summary = summarize(results);

  it('series.csv is the header, then each seed’s rows in the order given', () => {
    const text = SERIES_CSV_HEADER + results.map((r) => [...seriesCsvRowChunks(r)].join('')).join('');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('scenario,seed,month,metric,group,value');
    expect(lines.length).toBe(1 + 3 * 2 * 24);
    // Metric declaration order puts token_share_of_comp before headcount.
    expect(lines[1]).toBe('fake,1,1,token_share_of_comp,all,0.01');
    expect(lines[1 + 24]).toBe('fake,1,1,headcount,all,1010');
    expect(lines[1 + 48 + 24]).toBe('fake,2,1,headcount,all,1020');
    expect([...seriesCsvChunks(results[0])].join('')).toBe(SERIES_CSV_HEADER + [...seriesCsvRowChunks(results[0])].join(''));
  });

  it('summary.csv has the mean, the 95% interval and n per metric, group and month', () => {
    const lines = [...summaryCsvChunks(summary)].join('').trimEnd().split('\n');
    expect(lines[0] + '\n').toBe(SUMMARY_CSV_HEADER);
    expect(lines.length).toBe(1 + countSummaryRows(summary));
    // headcount month 1: 1010, 1020, 1030 → mean 1020, s = 10, half-width = 4.303 · 10/√3.
    const [scenario, metric, group, month, mean, lo, hi, n] = lines[1 + 24].split(',');
    expect([scenario, metric, group, month, n]).toEqual(['fake', 'headcount', 'all', '1', '3']);
    expect(Number(mean)).toBe(1020);
    expect(Number(hi) - 1020).toBeCloseTo((4.303 * 10) / Math.sqrt(3), 9);
    expect(1020 - Number(lo)).toBeCloseTo((4.303 * 10) / Math.sqrt(3), 9);
  });

  it('series.json and summary.json parse and hold the same numbers as the CSV files', () => {
    const seriesJson =
      seriesJsonHead('fake', 24, [1, 2, 3]) + results.map((r, k) => [...seriesJsonRun(r, k === 0)].join('')).join('') + SERIES_JSON_TAIL;
    const parsed = JSON.parse(seriesJson) as { scenario: string; months: number; seeds: number[]; runs: { seed: number; resultHash: string; series: { metric: string; group: string; values: number[] }[] }[] };
    expect(parsed).toMatchObject({ scenario: 'fake', months: 24, seeds: [1, 2, 3] });
    expect(parsed.runs.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(parsed.runs[1].series.map((s) => s.metric)).toEqual(['token_share_of_comp', 'headcount']);
    expect(parsed.runs[1].series[1]).toEqual({ metric: 'headcount', group: 'all', values: Array.from(results[1].series[0].values) });
    const sum = JSON.parse([...summaryJsonChunks(summary)].join('')) as { n: number; series: { metric: string; mean: number[]; lo95: number[]; hi95: number[] }[] };
    expect(sum.n).toBe(3);
    expect(sum.series[1].metric).toBe('headcount');
    expect(sum.series[1].mean).toEqual(Array.from(summary.series[0].mean));
    expect(sum.series[1].lo95).toEqual(Array.from(summary.series[0].lo95));
    expect(sum.series[1].hi95).toEqual(Array.from(summary.series[0].hi95));
    expect(jsonNumbers([1, NaN, -Infinity, 0.1 + 0.2])).toBe('[1,null,null,0.30000000000000004]');
  });
});

describe('tables across seeds', () => {
  const summary = summarize([1, 2, 3].map((s) => seededResult(s)));

  it('formats a mean with its interval, and differences with a sign', () => {
    expect(formatInterval({ mean: 152_340, lo95: 150_100, hi95: 154_500 }, 'usd', 30)).toBe('$152,340 [$150,100 – $154,500]');
    expect(formatInterval({ mean: 0.213, lo95: 0.2, hi95: 0.22 }, 'percent', 1)).toBe('21.3%');
    expect(formatDifference(1234.4, 'usd')).toBe('+$1,234');
    expect(formatDifference(-1234.6, 'usd')).toBe('-$1,235');
    expect(formatDifference(0.012, 'percent')).toBe('+1.2 pp');
    expect(formatDifference(-0.0001, 'percent')).toBe('0.0 pp');
    expect(formatDifference(-3, 'count')).toBe('-3');
    expect(formatDifference(NaN, 'usd')).toBe('n/a');
  });

  it('reads the year-Y summary at month 12·Y and prints mean [lo – hi] per headline metric', () => {
    expect(summaryAtYear(summary, 'headcount', 1)?.mean).toBe(1000 + 20 + 11);
    expect(summaryAtYear(summary, 'headcount', 3)).toBeUndefined();
    const table = formatSummaryTable(summary);
    expect(table.split('\n')[0]).toBe('mean [95% interval of the mean] over 3 seeds');
    expect(table).toMatch(/^headcount\s+engineers\s+1,031 \[1,006 – 1,056\]$/m);
    expect(table).toMatch(/^token_share_of_comp\s+%\s+13\.0% \[10\.5% – 15\.5%\]$/m);
    expect(table).toMatch(/^cash_base_median\s+\$ per year\s+–$/m);
    expect(table.split('\n').at(-1)).toBe('Money is nominal US dollars (not adjusted for inflation).');
  });

  it('compare labels scenarios by name, or by file when two share a name', () => {
    expect(compareLabels([{ name: 'a', source: 'x/a.json' }, { name: 'b', source: 'b.json' }])).toEqual(['a', 'b']);
    expect(compareLabels([{ name: 'a', source: 'x/a.json' }, { name: 'a', source: 'y/a.json' }])).toEqual(['x/a.json', 'y/a.json']);
  });
});

describe('runs progress', () => {
  it('shows runs done, the rate, elapsed time and an ETA', () => {
    expect(formatRunsProgress(0, 30, 1.2)).toBe('runs 0/30 (0%) · elapsed 1s');
    expect(formatRunsProgress(12, 30, 5)).toBe('runs 12/30 (40%) · 2.4 runs/s · elapsed 5s · ETA 8s');
    expect(formatRunsProgress(30, 30, 10)).toBe('runs 30/30 (100%) · 3.0 runs/s · elapsed 10s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });

  it('writes nothing unless stderr is a terminal, and clears its line at the end', () => {
    const quiet: string[] = [];
    const off = runsProgress((t) => void quiet.push(t), false, 3);
    off.onRunDone(1, 3);
    off.done();
    expect(quiet).toEqual([]);
    let clock = 0;
    const seen: string[] = [];
    const on = runsProgress((t) => void seen.push(t), true, 2, () => clock);
    clock = 1000;
    on.onRunDone(1, 2);
    clock = 2000;
    on.onRunDone(2, 2);
    on.done();
    expect(seen[0]).toContain('runs 0/2');
    expect(seen[1]).toContain('runs 1/2 (50%) · 1.0 runs/s · elapsed 1s · ETA 1s');
    expect(seen[2]).toContain('runs 2/2 (100%)');
    expect(seen[3]).toBe('\r\x1b[2K');
  });
});

describe('compare against a scenario file’s reference', () => {
  it('one file is compared with the reference it names, read from the same folder', async () => {
    expect(await withReference(['scenarios/portable-credits.json'])).toEqual([path.join('scenarios', 'tunguz-100k.json'), 'scenarios/portable-credits.json']);
    expect(await withReference(['scenarios/finops-governance.json'])).toEqual([path.join('scenarios', 'tokenmaxxing.json'), 'scenarios/finops-governance.json']);
    expect(await withReference(['scenarios/substitutes.json'])).toEqual([path.join('scenarios', 'baseline.json'), 'scenarios/substitutes.json']);
  });

  it('several files are compared as given', async () => {
    expect(await withReference(['scenarios/substitutes.json', 'scenarios/complements.json'])).toEqual(['scenarios/substitutes.json', 'scenarios/complements.json']);
  });
});

describe('compare arguments', () => {
  it('needs two scenarios, defaults to seeds 1..10, and reads --at as years', () => {
    expect(parseCompareArgs(['a.json', 'b.json'])).toEqual({ scenarioPaths: ['a.json', 'b.json'], seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(parseCompareArgs(['a', 'b', '--seeds', '1..3', '--at', '2,1', '--workers', '2', '--years', '2'])).toEqual({
      scenarioPaths: ['a', 'b'],
      seeds: [1, 2, 3],
      at: [2, 1],
      workers: 2,
      years: 2,
    });
    expect(() => parseCompareArgs([])).toThrow('compare: needs a scenario file');
    expect(parseCompareArgs(['a.json']).scenarioPaths).toEqual(['a.json']);
    expect(() => parseYearList('1,1')).toThrow('--at lists year 1 more than once');
    expect(() => parseYearList('0')).toThrow("--at year must be an integer from 1 to 50 (got '0')");
    expect(() => parseYearList('1,x')).toThrow("(got 'x')");
  });
});

describe('validate and schema, in process', () => {
  it('tells scenario, sweep and schema files apart', () => {
    expect(isSchemaFile('scenarios/scenario.schema.json')).toBe(true);
    expect(looksLikeSweep('scenarios/sweeps/a.json', {})).toBe(true);
    expect(looksLikeSweep('a.json', { base: 'b.json', parameters: {} })).toBe(true);
    expect(looksLikeSweep('scenarios/baseline.json', { name: 'baseline' })).toBe(false);
  });

  it('reports every problem of an invalid scenario with its field path', async () => {
    const verdict = await validateText('x.json', JSON.stringify({ name: 'x', description: 'd', run: { years: 0 }, labour: { bogus: 1 } }));
    expect(verdict.kind).toBe('invalid');
    if (verdict.kind !== 'invalid') return;
    expect(verdict.problems.map((p) => p.path).sort()).toEqual(['labour.bogus', 'run.years']);
    expect(await validateText('x.json', '{"name":"x","description":"d"}')).toEqual({ kind: 'ok', what: 'scenario' });
    expect((await validateText('x.json', '{"name":')).kind).toBe('invalid');
  });

  it('checks sweep files, their base scenario and their points', async () => {
    const dir = path.join(tmpPath('sweeps'), 'sweeps');
    mkdirSync(dir, { recursive: true });
    const base = path.resolve('scenarios/baseline.json');
    const sweep = (fields: object): string => JSON.stringify({ name: 's', description: 'd', base, parameters: { 'production.sigma': [0.5, 2] }, replicates: 2, ...fields });
    expect(await validateText(path.join(dir, 'ok.json'), sweep({}))).toEqual({ kind: 'ok', what: 'sweep' });
    const typo = await validateText(path.join(dir, 'typo.json'), sweep({ parameters: { 'production.sigmaa': [1] } }));
    expect(typo).toMatchObject({ kind: 'invalid', problems: [{ path: 'parameters.production.sigmaa' }] });
    const missing = await validateText(path.join(dir, 'missing.json'), sweep({ base: 'no-such-base.json' }));
    expect(missing).toEqual({ kind: 'invalid', problems: [{ path: 'base', message: `cannot read the base scenario ${path.join(dir, 'no-such-base.json')}` }] });
  });

  it('every scenario and sweep file shipped in scenarios/ validates', async () => {
    const files = ['scenarios', 'scenarios/sweeps']
      .filter((dir) => existsSync(dir))
      .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`));
    const io = captureIO();
    expect(await main(['validate', ...files], io, PKG)).toBe(0);
    expect(io.err).toEqual([]);
    expect(io.out.join('').split('\n').filter((l) => l.startsWith('ok ')).length).toBe(files.filter((f) => !f.endsWith('.schema.json')).length);
  });

  it('validate prints ok per valid file and one line per problem, exit 0 or 2', async () => {
    const bad = path.join(tmpPath('bad'), 'bad.json');
    mkdirSync(path.dirname(bad));
    writeFileSync(bad, JSON.stringify({ name: 'bad', description: 'd', run: { years: 0 }, labour: { bogus: 1 } }));
    const ok = captureIO();
    expect(await main(['validate', 'scenarios/baseline.json', 'scenarios/scenario.schema.json'], ok, PKG)).toBe(0);
    expect(ok.out.join('')).toBe('ok scenarios/baseline.json\nskipped scenarios/scenario.schema.json (a JSON Schema, not a scenario)\n');
    const io = captureIO();
    expect(await main(['validate', 'scenarios/baseline.json', bad, path.join(TMP, 'none.json')], io, PKG)).toBe(2);
    expect(io.out.join('')).toBe('ok scenarios/baseline.json\n');
    expect(io.err).toHaveLength(3);
    expect(io.err.join('')).toContain(`tokensim: ${bad}: run.years: must be at least 1 (got 0)\n`);
    expect(io.err.join('')).toContain(`tokensim: ${bad}: labour.bogus: unknown field\n`);
    expect(io.err.join('')).toContain('none.json: no such file\n');
    const none = captureIO();
    expect(await main(['validate'], none, PKG)).toBe(2);
    expect(none.err.join('')).toMatch(/^tokensim: validate: missing file/);
  });

  it('schema prints the scenario JSON Schema, the same text as scenarios/scenario.schema.json', async () => {
    const io = captureIO();
    expect(await main(['schema'], io, PKG)).toBe(0);
    expect(io.out.join('')).toBe(writeSchemaText());
    expect(JSON.parse(io.out.join(''))).toMatchObject({ title: 'tokensim scenario' });
    const sweep = captureIO();
    expect(await main(['schema', '--sweep'], sweep, PKG)).toBe(0);
    expect(JSON.parse(sweep.out.join(''))).toMatchObject({ title: 'tokensim sweep' });
    const bad = captureIO();
    expect(await main(['schema', 'extra'], bad, PKG)).toBe(2);
    expect(bad.err.join('')).toBe("tokensim: schema: unexpected argument 'extra'\n");
  });

  it('every command has --help', async () => {
    for (const command of ['run', 'compare', 'validate', 'schema']) {
      const io = captureIO();
      expect(await main([command, '--help'], io, PKG)).toBe(0);
      expect(io.out.join('')).toContain(`Usage: tokensim ${command}`);
    }
  });
});
