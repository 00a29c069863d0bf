import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alignColumns, formatHeadlineTable, formatValue, headlineYears, valueAtYear } from '../../sim/cli/output/headlineTable.ts';
import { groupThousands } from '../../sim/cli/output/groupThousands.ts';
import { main } from '../../sim/cli/main.ts';
import { buildManifest, formatCommandLine, manifestJson, reproducibleArgv, shellQuote } from '../../sim/cli/output/manifest.ts';
import { formatProgress, progressReporter } from '../../sim/cli/output/progressReporter.ts';
import { countSeriesRows, csvField, formatCsvRow, orderSeries, SERIES_CSV_HEADER, seriesCsvChunks } from '../../sim/cli/output/seriesCsv.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Result, Series } from '../../sim/run/result.ts';
import { captureIO } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cli-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A fresh path under the test's temp dir (not created). */
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

/** A hand-made result: series in `order`, value = metric index · 1000 + month (1-based). */
function fakeResult(months: number, order: readonly string[] = METRIC_DEFS.map((d) => d.name), groups = ['all', 'startup']): Result {
  const series: Series[] = [];
  for (const metric of order) {
    const k = METRIC_DEFS.findIndex((d) => d.name === metric);
    for (const group of groups) {
      series.push({ metric, group, values: Float64Array.from({ length: months }, (_, m) => k * 1000 + m + 1) });
    }
  }
  return { scenario: 'fake', seed: 7, months, paramsHash: 'p'.repeat(27), resultHash: 'r'.repeat(27), firmTypes: ['startup'], series };
}


const PKG = { name: 'tokensim', version: '9.9.9' };


describe('series.csv', () => {
  it('writes a row with String(value), so floats round-trip exactly', () => {
    expect(formatCsvRow('baseline', 1, 3, 'headcount', 'all', 0.1 + 0.2)).toBe('baseline,1,3,headcount,all,0.30000000000000004\n');
    expect(formatCsvRow('baseline', 1, 1, 'firm_cash', 'startup', -1e21)).toBe('baseline,1,1,firm_cash,startup,-1e+21\n');
    expect(formatCsvRow('b', 0, 2, 'wealth_p10', 'junior', NaN)).toBe('b,0,2,wealth_p10,junior,NaN\n');
  });

  it('quotes only fields that need it', () => {
    expect(csvField('plain-name')).toBe('plain-name');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
  });

  it('orders rows by metric declaration, then group, then month (1-based)', () => {
    const shuffled = ['headcount', 'cash_base_mean', 'firm_exits'];
    const r = fakeResult(2, shuffled);
    expect(orderSeries(r.series).map((s) => `${s.metric}/${s.group}`)).toEqual([
      'cash_base_mean/all',
      'cash_base_mean/startup',
      'headcount/all',
      'headcount/startup',
      'firm_exits/all',
      'firm_exits/startup',
    ]);
    const lines = [...seriesCsvChunks(r)].join('').split('\n');
    expect(lines[0] + '\n').toBe(SERIES_CSV_HEADER);
    expect(lines.slice(1, 4)).toEqual(['fake,7,1,cash_base_mean,all,1', 'fake,7,2,cash_base_mean,all,2', 'fake,7,1,cash_base_mean,startup,1']);
    expect(lines.length).toBe(1 + countSeriesRows(r) + 1); // header, rows, '' after the final newline
  });

  it('gives the same bytes whatever the chunk size, in bounded chunks', () => {
    const r = fakeResult(24);
    const whole = [...seriesCsvChunks(r)].join('');
    const chunks = [...seriesCsvChunks(r, 500)];
    expect(chunks.join('')).toBe(whole);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.length).toBeLessThan(500 + 100);
  });
});

describe('headline table', () => {
  it('shows years 1, 5 and 10 within the horizon', () => {
    expect(headlineYears(11)).toEqual([]);
    expect(headlineYears(24)).toEqual([1]);
    expect(headlineYears(60)).toEqual([1, 5]);
    expect(headlineYears(120)).toEqual([1, 5, 10]);
    expect(headlineYears(600)).toEqual([1, 5, 10]);
  });

  it('formats dollars with thousands separators and shares as percentages', () => {
    expect(formatValue(152_340.4, 'usd')).toBe('$152,340');
    expect(formatValue(-1_234.6, 'usd')).toBe('-$1,235');
    expect(formatValue(0.2134, 'percent')).toBe('21.3%');
    expect(formatValue(-0.00001, 'percent')).toBe('0.0%');
    expect(formatValue(9_600, 'count')).toBe('9,600');
    expect(formatValue(8, 'usdPrice')).toBe('$8.00');
    expect(formatValue(0.01234, 'usdPrice')).toBe('$0.0123');
    expect(formatValue(NaN, 'usd')).toBe('n/a');
    expect(groupThousands(2_000_000)).toBe('2,000,000');
  });

  it('reads the year-Y value at month 12·Y', () => {
    const r = fakeResult(120);
    const k = METRIC_DEFS.findIndex((d) => d.name === 'headcount');
    expect(valueAtYear(r, 'headcount', 1)).toBe(k * 1000 + 12);
    expect(valueAtYear(r, 'headcount', 10)).toBe(k * 1000 + 120);
    expect(valueAtYear(r, 'headcount', 11)).toBeUndefined();
  });

  it('prints one aligned row per headline metric', () => {
    const table = formatHeadlineTable(fakeResult(60));
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^metric \(all engineers\)\s+unit\s+year 1\s+year 5$/);
    expect(lines).toHaveLength(13);
    expect(lines[12]).toBe('Money is nominal US dollars (not adjusted for inflation).');
    expect(new Set(lines.slice(0, 12).map((l) => l.length)).size).toBe(1); // right-aligned last column
    // Every number has a unit: the metric's, with shares shown as %.
    expect(lines.find((l) => l.startsWith('cash_base_median '))).toMatch(/^cash_base_median\s+\$ per year\s+\$/);
    expect(lines.find((l) => l.startsWith('headcount '))).toMatch(/^headcount\s+engineers\s+\d/);
    expect(lines.find((l) => l.startsWith('quit_rate_annual '))).toMatch(/^quit_rate_annual\s+% per year\s+\S+%/);
    expect(lines.find((l) => l.startsWith('token_price_retail '))).toMatch(/^token_price_retail\s+\$ per million tokens\s+\$/);
    for (const line of lines.slice(1, 12)) expect(line.split(/\s{2,}/)[1], line).not.toBe('');
    const k = METRIC_DEFS.findIndex((d) => d.name === 'headcount');
    expect(lines.find((l) => l.startsWith('headcount '))).toMatch(new RegExp(`${groupThousands(k * 1000 + 12)}\\s+${groupThousands(k * 1000 + 60)}$`));
    expect(formatHeadlineTable(fakeResult(6))).toMatch(/shorter than a year/);
  });

  it('marks metrics the result does not report', () => {
    expect(formatHeadlineTable(fakeResult(12, ['headcount']))).toMatch(/cash_base_median\s+\$ per year\s+–/);
    expect(alignColumns([['a', '1'], ['bbb', '22']])).toBe('a     1\nbbb  22');
    expect(alignColumns([['a', 'x', '1'], ['bbb', 'yy', '22']], 2)).toBe('a    x    1\nbbb  yy  22');
  });
});

describe('manifest', () => {
  const input = {
    params: { ...cloneParams(DEFAULTS), name: 'fake' },
    result: fakeResult(12),
    source: 'scenarios/fake.json',
    pkg: PKG,
    argv: ['run', 'scenarios/fake.json', '--out', 'out dir'],
  };

  it('records provenance, parameters and metric units', () => {
    const m = buildManifest(input);
    expect(m).toMatchObject({
      scenario: 'fake',
      source: 'scenarios/fake.json',
      seed: 7,
      paramsHash: 'p'.repeat(27),
      resultHash: 'r'.repeat(27),
      package: PKG,
      engineers: DEFAULTS.run.engineers,
      years: DEFAULTS.run.years,
      months: 12,
      command: "tokensim run scenarios/fake.json --out 'out dir'",
      hashAlgorithm: 'sha256',
    });
    expect(m.hashEncoding).toMatch(/^SHA-256, .*keys sorted.*IEEE-754 double, 8 bytes LE/);
    expect(m.seriesCsv).toEqual({ columns: ['scenario', 'seed', 'month', 'metric', 'group', 'value'], rows: METRIC_DEFS.length * 2 * 12, groups: ['all', 'startup'] });
    expect(m.metrics.map((d) => d.name)).toEqual(METRIC_DEFS.map((d) => d.name));
    expect(m.metrics[0]).toEqual({ name: METRIC_DEFS[0].name, unit: METRIC_DEFS[0].unit, description: METRIC_DEFS[0].description, groups: METRIC_DEFS[0].groups });
    expect(m.parameters.production).toEqual(DEFAULTS.production);
  });

  it('is the same text for the same run (nothing time-dependent)', () => {
    const text = manifestJson(buildManifest(input));
    expect(manifestJson(buildManifest(input))).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toMatch(/"(date|time|timestamp|created)/i);
  });

  it('records every seed with its result hash, and the scenario hash, for several seeds', () => {
    const results = [7, 8, 9].map((seed) => ({ ...fakeResult(12), seed, resultHash: `h${seed}` }));
    const m = buildManifest({ ...input, result: undefined, results, scenarioHash: 's'.repeat(32), argv: ['run', 'a.json', '--seeds', '7..9', '--workers', '2'] });
    expect(m.seed).toBeUndefined();
    expect(m.resultHash).toBeUndefined();
    expect(m.seeds).toEqual([7, 8, 9]);
    expect(m.runs).toEqual([
      { seed: 7, resultHash: 'h7' },
      { seed: 8, resultHash: 'h8' },
      { seed: 9, resultHash: 'h9' },
    ]);
    expect(m.scenarioHash).toBe('s'.repeat(32));
    expect(m.format).toBe('csv');
    expect(m.seriesCsv?.rows).toBe(3 * METRIC_DEFS.length * 2 * 12);
    expect(m.summaryCsv).toEqual({ columns: ['scenario', 'metric', 'group', 'month', 'mean', 'lo95', 'hi95', 'n'], rows: METRIC_DEFS.length * 2 * 12 });
    const json = buildManifest({ ...input, format: 'json' });
    expect(json.seriesCsv).toBeUndefined();
    expect(json.seriesJson).toEqual({ runs: 1, seriesPerRun: METRIC_DEFS.length * 2, groups: ['all', 'startup'] });
    expect(json.summaryJson).toEqual({ series: METRIC_DEFS.length * 2 });
  });

  it('leaves --workers out of the recorded command, since it does not change the output', () => {
    expect(reproducibleArgv(['run', 'a.json', '--workers', '2', '--seeds', '1..3'])).toEqual(['run', 'a.json', '--seeds', '1..3']);
    expect(reproducibleArgv(['run', 'a.json', '--workers=2'])).toEqual(['run', 'a.json']);
    expect(reproducibleArgv(['run', '--', '--workers'])).toEqual(['run', '--', '--workers']);
  });

  it('quotes command-line arguments for a POSIX shell only when needed', () => {
    expect(shellQuote('out/base-line_1.json')).toBe('out/base-line_1.json');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(formatCommandLine(['run', 'a b'])).toBe("tokensim run 'a b'");
  });
});

describe('progress', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const seen: string[] = [];
    const p = progressReporter((t) => void seen.push(t), false);
    p.onMonth(1, 12);
    p.done();
    expect(seen).toEqual([]);
  });

  it('rewrites one line with months done and clears it at the end', () => {
    const seen: string[] = [];
    const p = progressReporter((t) => void seen.push(t), true);
    p.onMonth(6, 12);
    p.done();
    expect(seen[0]).toContain(formatProgress(6, 12));
    expect(formatProgress(6, 12)).toBe('simulating month 6/12 (50%)');
    expect(seen[1]).toBe('\r\x1b[2K');
  });
});

describe('main, in process', () => {
  it('prints the version from the package info', async () => {
    const io = captureIO();
    expect(await main(['--version'], io, PKG)).toBe(0);
    expect(io.out.join('')).toBe('tokensim 9.9.9\n');
  });

  it('answers an unknown command with one line and exit code 2', async () => {
    const io = captureIO();
    expect(await main(['sweeep'], io, PKG)).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^tokensim: unknown command 'sweeep'; did you mean 'sweep'\? \(commands: run, .*; see tokensim --help\)\n$/);
    for (const name of ['compare', 'validate', 'schema']) expect(io.err[0]).toContain(name);
    expect(io.out).toEqual([]);
  });

  it('shows command help listing every run flag', async () => {
    const io = captureIO();
    expect(await main(['run', '--help'], io, PKG)).toBe(0);
    for (const flag of ['--seed', '--out', '--engineers', '--years']) expect(io.out.join('')).toContain(flag);
  });
});

describe('bad usage and bad files, every command', () => {
  const outFile = path.join(TMP, 'a-file');
  writeFileSync(outFile, 'not a directory');
  const bad = path.join(TMP, 'bad-name.json');
  writeFileSync(bad, JSON.stringify({ name: 'bad', description: 'd', run: { years: 0 } }));
  const longName = path.join(TMP, 'long-name.json');
  writeFileSync(longName, JSON.stringify({ name: 'a'.repeat(300), description: 'd' }));
  const out = path.join(TMP, 'never-created');
  const cases: [string[], string][] = [
    [['run', 'scenarios/baseline.json', '--out', out, '--seeds', '3..1'], '--seeds range 3..1 runs backwards'],
    [['run', 'scenarios/baseline.json', '--out', out, '--seeds', 'x'], "--seeds takes seeds like 1..30, 1,2,5 or 1..3,10 (got 'x')"],
    [['run', 'scenarios/baseline.json', '--out', out, '--seeds', '1,1'], '--seeds lists seed 1 more than once'],
    [['run', 'scenarios/baseline.json', '--out', out, '--seed', '1', '--seeds', '1..2'], 'give --seeds or --seed, not both'],
    [['run', 'scenarios/baseline.json', '--out', out, '--format', 'parquet'], "--format must be csv or json (got 'parquet')"],
    [['run', 'scenarios/baseline.json', '--out', out, '--workers', '0'], "--workers must be an integer from 1 to 256 (got '0')"],
    [['run', 'scenarios/baseline.json', '--out', out, '--wokers', '2'], "unknown option --wokers for 'run'"],
    [['run', 'scenarios/baseline.json', '--out', outFile], `--out ${outFile} exists and is not a directory`],
    [['run', 'scenarios/baseline.json', '--out', '/proc/self/x', '--engineers', '10', '--years', '1'], 'cannot create directory /proc/self/x.tmp-'],
    [['run', 'scenarios/baseline.json', 'scenarios/baseline.json', '--out', out], "are both named 'baseline'"],
    [['run', 'scenarios/baseline.json', path.join(TMP, 'missing.json'), '--out', out], 'missing.json: no such file'],
    [['run', bad, '--out', out], `${bad}: run.years: must be at least 1 (got 0)`],
    [['run', longName, 'scenarios/baseline.json', '--out', out], `${longName}: name: must be at most 100 characters (got 300)`],
    [['run', 'scenarios', '--out', out], 'cannot read scenario file scenarios: is a directory'],
    [['compare', 'scenarios/baseline.json'], 'compare: scenarios/baseline.json (baseline) has no reference scenario; give two or more files'],
    [['compare'], 'compare: needs a scenario file'],
    [['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--at', '0'], "--at year must be an integer from 1 to 50 (got '0')"],
    [['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--at', '12'], '--at 12 is past the 10-year horizon of scenarios/baseline.json'],
    [['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--years', '2', '--at', '1,3'], '--at 3 is past the 2-year horizon'],
    [['compare', 'scenarios/baseline.json', bad], `${bad}: run.years: must be at least 1`],
    [['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--out', out], `--out must name a .csv or .json file (got '${out}')`],
    [['compare', 'scenarios/baseline.json', 'scenarios/tunguz-100k.json', '--seeds', '2..1'], '--seeds range 2..1 runs backwards'],
    [['validate', '--strict', 'scenarios/baseline.json'], "unknown option --strict for 'validate'"],
    [['schema', '--scenario'], "unknown option --scenario for 'schema'"],
    [['schema', '--sweep=yes'], '--sweep takes no value'],
  ];

  it.each(cases)('%j exits 2 with one line naming the problem', async (argv, message) => {
    const io = captureIO();
    expect(await main(argv, io, PKG)).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^tokensim: .*\n$/);
    expect(io.err[0]).toContain(message);
    expect(io.out).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

