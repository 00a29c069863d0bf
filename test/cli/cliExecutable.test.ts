/** The tokensim executable end to end: spawned from the repository root as a user would run it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirFor } from '../../sim/cli/output/atomicOutput.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cli-e2e-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A fresh path under the test's temp dir (not created). */
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the real executable from the repository root; `done` resolves when it exits. */
function start(args: readonly string[]): { child: ChildProcess; done: Promise<Spawned> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<Spawned>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the real executable from the repository root. */
function tokensim(args: readonly string[]): Promise<Spawned> {
  return start(args).done;
}

describe('tokensim executable', () => {
  it('--help exits 0 and lists the run command', async () => {
    const r = await tokensim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+run\s+/m);
  });

  it('--version prints the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await tokensim(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`tokensim ${pkg.version}\n`);
  });

  it.each(['schema', '--help', 'run --help'])('%s into a reader that has gone (a broken pipe) exits 0 without a word', async (line) => {
    const { child, done } = start(line.split(' '));
    child.stdout!.destroy(); // the reader quits before the first write, as `| head` may
    const r = await done;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a bad flag exits 2 with one line naming the flag', async () => {
    const out = tmpPath('badflag');
    const r = await tokensim(['run', 'scenarios/baseline.json', '--out', out, '--enginers', '500']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: .*--enginers.*\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad integer exits 2 and names the range', async () => {
    const r = await tokensim(['run', 'scenarios/baseline.json', '--out', tmpPath('badint'), '--years', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tokensim: --years must be an integer from 1 to 50 (got '0')\n");
  });

  it('a missing scenario file exits 2 and creates nothing', async () => {
    const out = tmpPath('missing');
    const r = await tokensim(['run', path.join(TMP, 'no-such.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: cannot read scenario file .*no-such\.json: no such file\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('an invalid scenario exits 2 naming file and field path, and creates nothing', async () => {
    const file = path.join(TMP, 'bad-scenario.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', description: 'unknown field', labour: { bogusField: 1 } }));
    const out = tmpPath('invalid');
    const r = await tokensim(['run', file, '--out', out, '--engineers', '500', '--years', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toContain('bad-scenario.json');
    expect(r.stderr).toContain('labour.bogusField');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(tempDirFor(out))).toBe(false);
  });

  describe('a real run (needs the engine)', () => {
    const out = tmpPath('baseline');
    const args = (seed: number, dir = out): string[] => ['run', 'scenarios/baseline.json', '--seed', String(seed), '--out', dir, '--engineers', '500', '--years', '1'];
    const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');

    it('writes series.csv and manifest.json and prints the headline table', async () => {
      const r = await tokensim(args(1));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^baseline · seed 1 · 500 engineers · 1 year · result [0-9a-f]+$/m);
      expect(r.stdout).toMatch(/^metric \(all engineers\)\s+unit\s+year 1$/m);
      expect(r.stdout).toMatch(/^cash_base_median\s+\$ per year\s+\$[\d,]+$/m);
      expect(r.stdout).toContain(path.join(out, 'series.csv'));
      expect(readdirSync(out).sort()).toEqual(['manifest.json', 'series.csv', 'summary.csv']);
    });

    it('series.csv is tidy long format with months 1..12', () => {
      const lines = read(out, 'series.csv').trimEnd().split('\n');
      expect(lines[0]).toBe('scenario,seed,month,metric,group,value');
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows[0].slice(0, 5)).toEqual(['baseline', '1', '1', METRIC_DEFS[0].name, 'all']);
      expect(Number.isFinite(Number(rows[0][5]))).toBe(true);
      for (const row of rows) expect(row).toHaveLength(6);
      const months = new Set(rows.map((row) => Number(row[2])));
      expect([...months].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, m) => m + 1));
      expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(METRIC_DEFS.map((d) => d.name)));
    });

    it('manifest.json records the run and the metric units', () => {
      const m = JSON.parse(read(out, 'manifest.json')) as Record<string, unknown>;
      expect(m).toMatchObject({ scenario: 'baseline', source: 'scenarios/baseline.json', seed: 1, engineers: 500, years: 1, months: 12 });
      expect(m.command).toBe(['tokensim', ...args(1)].join(' '));
      expect((m.metrics as { name: string }[]).map((d) => d.name)).toEqual(METRIC_DEFS.map((d) => d.name));
    });

    it('the same seed gives byte-identical files', async () => {
      const csv = read(out, 'series.csv');
      const manifest = read(out, 'manifest.json');
      const r = await tokensim(args(1));
      expect(r.code).toBe(0);
      expect(read(out, 'series.csv') === csv).toBe(true);
      expect(read(out, 'manifest.json') === manifest).toBe(true);
    });

    it('a different seed gives a different series.csv', async () => {
      const other = tmpPath('baseline-seed2');
      const r = await tokensim(args(2, other));
      expect(r.code).toBe(0);
      const a = read(out, 'series.csv').replace(/^baseline,1,/gm, '');
      const b = read(other, 'series.csv').replace(/^baseline,2,/gm, '');
      expect(b).not.toBe(a);
    });
  });
});

describe('tokensim with several seeds, scenarios and workers', () => {
  const SMALL = ['--engineers', '500', '--years', '1'];
  const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');
  const csvRows = (text: string): string[][] => text.trimEnd().split('\n').slice(1).map((l) => l.split(','));
  const multi = tmpPath('seeds');

  it('--seeds 1..3 writes every seed to series.csv in order, summary.csv across seeds, and the manifest', async () => {
    const r = await tokensim(['run', 'scenarios/baseline.json', '--seeds', '1..3', '--out', multi, '--workers', '2', '--exact-workers', ...SMALL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^baseline · seeds 1\.\.3 \(3 runs\) · 500 engineers · 1 year$/m);
    expect(r.stdout).toMatch(/^cash_base_median\s+\$ per year\s+\$[\d,]+ \[\$[\d,]+ – \$[\d,]+\]$/m);
    expect(readdirSync(multi).sort()).toEqual(['manifest.json', 'series.csv', 'summary.csv']);

    const series = csvRows(read(multi, 'series.csv'));
    const perSeed = series.length / 3;
    expect(series.map((row) => row[1]).filter((s, k, all) => k === 0 || s !== all[k - 1])).toEqual(['1', '2', '3']);
    expect(series[perSeed][1]).toBe('2');

    const summary = read(multi, 'summary.csv').trimEnd().split('\n');
    expect(summary[0]).toBe('scenario,metric,group,month,mean,lo95,hi95,n');
    expect(summary.length - 1).toBe(perSeed);
    const first = summary[1].split(',');
    const values = [0, 1, 2].map((k) => Number(series[k * perSeed][5]));
    expect(first.slice(0, 4)).toEqual(['baseline', METRIC_DEFS[0].name, 'all', '1']);
    expect(Number(first[4])).toBeCloseTo((values[0] + values[1] + values[2]) / 3, 6);
    expect(Number(first[5])).toBeLessThanOrEqual(Number(first[4]));
    expect(Number(first[6])).toBeGreaterThanOrEqual(Number(first[4]));
    expect(first[7]).toBe('3');

    const m = JSON.parse(read(multi, 'manifest.json')) as Record<string, unknown>;
    expect(m).toMatchObject({ scenario: 'baseline', seeds: [1, 2, 3], format: 'csv', engineers: 500, years: 1 });
    expect(m.seed).toBeUndefined();
    expect(m.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(m.paramsHash).toMatch(/^[0-9a-f]{64}$/);
    expect((m.runs as { seed: number }[]).map((x) => x.seed)).toEqual([1, 2, 3]);
    expect(m.command).toBe(`tokensim run scenarios/baseline.json --seeds 1..3 --out ${multi} --engineers 500 --years 1`);
    expect((m.package as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('each seed of a multi-seed run equals its single-seed run', async () => {
    const one = tmpPath('seed2');
    const r = await tokensim(['run', 'scenarios/baseline.json', '--seed', '2', '--out', one, ...SMALL]);
    expect(r.code).toBe(0);
    const single = JSON.parse(read(one, 'manifest.json')) as { resultHash: string };
    const runs = (JSON.parse(read(multi, 'manifest.json')) as { runs: { seed: number; resultHash: string }[] }).runs;
    expect(runs[1]).toEqual({ seed: 2, resultHash: single.resultHash });
    const rowsOfSeed2 = read(multi, 'series.csv').split('\n').filter((l) => l.startsWith('baseline,2,'));
    expect(rowsOfSeed2.join('\n') + '\n').toBe(read(one, 'series.csv').split('\n').slice(1).join('\n'));
  });

  it('--workers 1 and --workers 2 write byte-identical files', async () => {
    const before = ['series.csv', 'summary.csv', 'manifest.json'].map((f) => read(multi, f));
    const r = await tokensim(['run', 'scenarios/baseline.json', '--seeds', '1..3', '--out', multi, '--workers', '1', ...SMALL]);
    expect(r.code).toBe(0);
    const after = ['series.csv', 'summary.csv', 'manifest.json'].map((f) => read(multi, f));
    for (let k = 0; k < 3; k++) expect(after[k] === before[k]).toBe(true);
    // Without --exact-workers, --workers 2 is a ceiling: three short runs get one worker, and stderr says so.
    const capped = await tokensim(['run', 'scenarios/baseline.json', '--seeds', '1..3', '--out', multi, '--workers', '2', ...SMALL]);
    expect(capped.code).toBe(0);
    expect(capped.stderr).toMatch(/^tokensim: starting 1 of the 2 workers asked for: 3 runs of under 0\.1 s of one core's work in all repay no more .*--exact-workers starts all 2\n$/);
    const again = ['series.csv', 'summary.csv', 'manifest.json'].map((f) => read(multi, f));
    for (let k = 0; k < 3; k++) expect(again[k] === before[k]).toBe(true);
  });

  it('--format json writes series.json and summary.json with the same numbers as the CSV files', async () => {
    const out = tmpPath('json');
    const r = await tokensim(['run', 'scenarios/baseline.json', '--seeds', '1..3', '--out', out, '--format', 'json', ...SMALL]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'series.json', 'summary.json']);
    type SeriesJson = { scenario: string; months: number; seeds: number[]; runs: { seed: number; series: { metric: string; group: string; values: (number | null)[] }[] }[] };
    const series = JSON.parse(read(out, 'series.json')) as SeriesJson;
    expect(series).toMatchObject({ scenario: 'baseline', months: 12, seeds: [1, 2, 3] });
    const fromJson = series.runs.flatMap((run) =>
      run.series.flatMap((s) => s.values.map((v, m) => ['baseline', String(run.seed), String(m + 1), s.metric, s.group, v === null ? 'NaN' : String(v)].join(','))),
    );
    expect(fromJson.join('\n') + '\n').toBe(read(multi, 'series.csv').split('\n').slice(1).join('\n'));
    type SummaryJson = { n: number; series: { metric: string; group: string; mean: (number | null)[]; lo95: (number | null)[]; hi95: (number | null)[] }[] };
    const summary = JSON.parse(read(out, 'summary.json')) as SummaryJson;
    expect(summary.n).toBe(3);
    // null in JSON is NaN in CSV: a statistic over an empty group.
    const text = (v: number | null): string => (v === null ? 'NaN' : String(v));
    expect(summary.series.some((s) => s.mean.includes(null))).toBe(true);
    const summaryFromJson = summary.series.flatMap((s) =>
      s.mean.map((v, m) => ['baseline', s.metric, s.group, String(m + 1), text(v), text(s.lo95[m]), text(s.hi95[m]), '3'].join(',')),
    );
    expect(summaryFromJson.join('\n') + '\n').toBe(read(multi, 'summary.csv').split('\n').slice(1).join('\n'));
    expect(JSON.parse(read(out, 'manifest.json'))).toMatchObject({ format: 'json', seriesJson: { runs: 3 } });
  });

  it('several scenarios go to one subdirectory each', async () => {
    const out = tmpPath('pair');
    const r = await tokensim(['run', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--seeds', '1,2', '--out', out, ...SMALL]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['baseline', 'tunguz-100k']);
    for (const name of ['baseline', 'tunguz-100k']) {
      const dir = path.join(out, name);
      expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'series.csv', 'summary.csv']);
      expect(read(dir, 'series.csv').split('\n')[1]).toMatch(new RegExp(`^${name},1,1,`));
      expect(r.stdout).toContain(path.join(dir, 'series.csv'));
    }
    const baselineSeed1 = read(path.join(out, 'baseline'), 'series.csv').split('\n').filter((l) => l.startsWith('baseline,1,'));
    expect(baselineSeed1.join('\n') + '\n').toBe(read(multi, 'series.csv').split('\n').filter((l) => l.startsWith('baseline,1,')).join('\n') + '\n');
  });

  it('compare prints both scenarios with intervals and paired differences, and saves them with --out', async () => {
    const out = tmpPath('compare') + '.csv';
    const r = await tokensim(['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--seeds', '1..3', '--at', '1', '--out', out, ...SMALL]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^metric \(all engineers\)\s+unit\s+year\s+baseline\s+tunguz-100k\s+Δ tunguz-100k$/m);
    expect(r.stdout).toMatch(/^token_share_of_comp\s+%\s+1\s+0\.0% \[0\.0% – 0\.0%\]\s+[\d.]+% \[[\d.]+% – [\d.]+%\]\s+\+[\d.]+ pp \[[+-]?[\d.]+ pp, \+[\d.]+ pp\]$/m);
    expect(r.stdout).toMatch(/^total_comp_mean\s+\$ per year\s+1\s+\$[\d,]+ \[.*\]\s+\$[\d,]+ \[.*\]\s+[+-]?\$[\d,]+ \[.*\]$/m);
    const csv = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(csv).toHaveLength(1 + 11 * 2);
    expect(csv.find((l) => l.startsWith('token_share_of_comp,share,all,1,12,tunguz-100k,baseline,3,'))).toBeDefined();
  });

  it('compare with --workers starts only the workers its runs repay, and says so on stderr', async () => {
    const r = await tokensim(['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--seeds', '1..2', '--at', '1', '--workers', '4', ...SMALL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^tokensim: starting 1 of the 4 workers asked for: 4 runs of under 0\.1 s of one core's work in all repay no more .*--exact-workers starts all 4\n$/);
    expect(r.stdout).toMatch(/^token_share_of_comp\s+%\s+1\s/m);
  });

  it('validate exits 0 for valid files and 2 naming each problem; schema prints valid JSON', async () => {
    const ok = await tokensim(['validate', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('ok scenarios/baseline.json\nok scenarios/tunguz-100k.json\n');
    const file = path.join(TMP, 'invalid-for-validate.json');
    writeFileSync(file, JSON.stringify({ name: 'Bad Name', description: 'd', labour: { bogusField: 1 } }));
    const bad = await tokensim(['validate', 'scenarios/baseline.json', file]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('ok scenarios/baseline.json\n');
    const lines = bad.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.startsWith(`tokensim: ${file}: name: `))).toBe(true);
    expect(lines).toContain(`tokensim: ${file}: labour.bogusField: unknown field`);
    const schema = await tokensim(['schema']);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'tokensim scenario' });
  });

  it('Ctrl-C during a multi-seed run exits 130 and leaves no partial file and no new directory', async () => {
    const parent = tmpPath('interrupted');
    const out = path.join(parent, 'run');
    const { child, done } = start(['run', 'scenarios/baseline.json', '--seeds', '1..400', '--out', out, '--workers', '1', '--engineers', '200', '--years', '1']);
    // The temporary directory is named after the process that writes it: this one, or on more
    // than 4 cores the node it restarts itself as (sim/cli/v8Pool.mjs).
    const staged = (): string | undefined => {
      const tmp = existsSync(parent) ? readdirSync(parent).find((f) => f.startsWith('run.tmp-')) : undefined;
      return tmp === undefined ? undefined : path.join(parent, tmp, 'series.csv');
    };
    // Wait until rows of finished seeds are on disk in the temporary directory, then interrupt.
    const deadline = Date.now() + 30_000;
    const written = () => {
      const f = staged();
      return f !== undefined && existsSync(f) && statSync(f).size > 1000;
    };
    while (!written() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(written()).toBe(true);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stderr).toBe('tokensim: interrupted; no output written\n');
    expect(existsSync(parent)).toBe(false);
  });
});
