/** `tokensim run --metrics/--groups/--every`: cut series and summary files, a manifest that says so. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeMonths, parseEvery, selectedMonths } from '../../sim/cli/args/selection.ts';
import { jsonNumbers } from '../../sim/cli/output/jsonOutput.ts';
import { cutSeries, manifestSelection } from '../../sim/cli/output/outputSelection.ts';
import { seriesCsvRowChunks } from '../../sim/cli/output/seriesCsv.ts';
import { summaryCsvChunks } from '../../sim/cli/output/summaryCsv.ts';
import type { Result } from '../../sim/run/result.ts';
import { runCli } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-select-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');

describe('month selection', () => {
  it('keeps every n-th month and always the last, or the last alone', () => {
    expect(selectedMonths(30, { every: 12 })).toEqual([12, 24, 30]);
    expect(selectedMonths(24, { every: 12 })).toEqual([12, 24]);
    expect(selectedMonths(5, { every: 12 })).toEqual([5]);
    expect(selectedMonths(3, { every: 1 })).toEqual([1, 2, 3]);
    expect(selectedMonths(30, { final: true })).toEqual([30]);
    expect(selectedMonths(3, undefined)).toEqual([1, 2, 3]);
    expect(describeMonths({ every: 12 })).toBe('every 12 months and the last');
    expect(describeMonths({ final: true })).toBe('final month');
  });

  it('reads --every as a whole number of months or final', () => {
    expect(parseEvery('12')).toEqual({ every: 12 });
    expect(parseEvery('final')).toEqual({ final: true });
    expect(() => parseEvery('0')).toThrow("--every must be an integer from 1 to 600 (got '0')");
    expect(() => parseEvery('1.5')).toThrow("--every must be a whole number of months from 1 to 600, or 'final' (got '1.5')");
    expect(() => parseEvery('last')).toThrow("or 'final' (got 'last')");
  });
});

describe('cut writers', () => {
  const result: Result = {
    scenario: 's',
    seed: 1,
    months: 3,
    paramsHash: 'p',
    resultHash: 'r',
    firmTypes: [],
    series: [
      { metric: 'headcount', group: 'all', values: Float64Array.from([1, 2, 3]) },
      { metric: 'headcount', group: 'bigtech', values: Float64Array.from([4, 5, 6]) },
      { metric: 'wealth_median', group: 'all', values: Float64Array.from([7, 8, 9]) },
    ],
  };

  it('keeps the chosen series and months, with month numbers as in the full file', () => {
    const kept = { ...result, series: cutSeries(result.series, { metrics: ['headcount'], groups: ['bigtech'] }) };
    expect([...seriesCsvRowChunks(kept, undefined, [1, 3])].join('')).toBe('s,1,1,headcount,bigtech,4\ns,1,3,headcount,bigtech,6\n');
    expect(jsonNumbers(Float64Array.from([1, NaN, 3]), [2, 3])).toBe('[null,3]');
    const summary = { scenario: 's', months: 3, seeds: [1], n: 1, series: [{ metric: 'headcount', group: 'all', mean: Float64Array.from([1, 2, 3]), lo95: Float64Array.from([1, 2, 3]), hi95: Float64Array.from([1, 2, 3]) }] };
    expect([...summaryCsvChunks(summary, undefined, [3])].join('').split('\n')[1]).toBe('s,headcount,all,3,3,3,3,1');
  });

  it('records nothing when nothing is cut, and what the result hash covers when something is', () => {
    expect(manifestSelection(24, undefined)).toBeUndefined();
    expect(manifestSelection(24, { months: { every: 12 } })).toMatchObject({ metrics: 'all', groups: 'all', months: 'every 12 months and the last', monthsWritten: [12, 24] });
    expect(manifestSelection(24, { groups: ['all'] })!.resultHashCovers).toMatch(/^every value of the full result/);
  });
});

describe('tokensim run with a selection', () => {
  const SMALL = ['--engineers', '300', '--years', '2', '--seeds', '1..2'];

  it('writes only the chosen series and months; the result hashes are those of the full run', async () => {
    const full = path.join(TMP, 'full');
    const cut = path.join(TMP, 'cut');
    expect((await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--out', full])).code).toBe(0);
    const r = await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--metrics', 'headcount,cash_base_median', '--groups', 'all,bigtech', '--every', '12', '--out', cut]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = read(cut, 'series.csv').trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2 * 2 * 2 * 2); // seeds × metrics × groups × months 12, 24
    expect(new Set(rows.map((l) => l.split(',').slice(2, 5).join(',')))).toEqual(
      new Set(['12,cash_base_median,all', '24,cash_base_median,all', '12,cash_base_median,bigtech', '24,cash_base_median,bigtech', '12,headcount,all', '24,headcount,all', '12,headcount,bigtech', '24,headcount,bigtech']),
    );
    // The kept rows are byte for byte the full file's rows.
    const fullRows = new Set(read(full, 'series.csv').split('\n'));
    for (const row of rows) expect(fullRows.has(row)).toBe(true);
    expect(read(cut, 'summary.csv').trimEnd().split('\n')).toHaveLength(1 + 2 * 2 * 2);
    const m = JSON.parse(read(cut, 'manifest.json'));
    const mFull = JSON.parse(read(full, 'manifest.json'));
    expect(m.runs).toEqual(mFull.runs);
    expect(mFull.selection).toBeUndefined();
    expect(m.selection).toMatchObject({ metrics: ['headcount', 'cash_base_median'], groups: ['all', 'bigtech'], months: 'every 12 months and the last', monthsWritten: [12, 24] });
    expect(m.seriesCsv.rows).toBe(16);
    expect(m.metrics.map((x: { name: string }) => x.name).sort()).toEqual(['cash_base_median', 'headcount']);
  });

  it('writes the final month alone as JSON with monthsWritten', async () => {
    const out = path.join(TMP, 'final');
    expect((await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--every', 'final', '--format', 'json', '--metrics', 'headcount', '--out', out])).code).toBe(0);
    const series = JSON.parse(read(out, 'series.json'));
    expect(series.monthsWritten).toEqual([24]);
    expect(series.runs[0].series.every((s: { values: number[] }) => s.values.length === 1)).toBe(true);
    expect(series.runs[0].series.every((s: { metric: string }) => s.metric === 'headcount')).toBe(true);
  });

  it.each([
    [['--metrics', 'headcont'], "--metrics: unknown metric 'headcont'; did you mean 'headcount'?"],
    [['--groups', 'all,bigtek'], "--groups: scenarios/baseline.json reports no group 'bigtek'; did you mean 'bigtech'?"],
    [['--groups', 'all,all'], "--groups lists 'all' more than once"],
    [['--every', '0'], "--every must be an integer from 1 to 600 (got '0')"],
    [['--every', 'last'], "--every must be a whole number of months from 1 to 600, or 'final' (got 'last')"],
    [['--metrics', 'headcount', '--groups', 'budget_q1'], 'run: no metric of --metrics is reported for a group of --groups'],
  ])('refuses %j with exit 2, one line, nothing written', async (flags, message) => {
    const out = path.join(TMP, 'never');
    const r = await runCli(['run', 'scenarios/baseline.json', '--out', out, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`tokensim: ${message}`)).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('help lists the new flags', () => {
  it.each([
    ['run', ['--metrics <a,b>', '--groups <a,b>', '--every <n|final>', '"selection"']],
    ['compare', ['--metrics <a,b>', '--out <file.csv|file.json>', '95% paired t-interval', 'needs at']],
    ['sensitivity', ['--output-year <n>', 'design.csv', 'replicates', 'bootstrap 95% interval']],
    ['sweep', ['"start:step:end"', 'point,<parameter paths…>,replicate']],
  ])('%s --help', async (command, parts) => {
    const r = await runCli([command as string, '--help']);
    expect(r.code).toBe(0);
    for (const part of parts as string[]) expect(r.stdout).toContain(part);
  });
});

describe('run --agents', () => {
  const SMALL = ['--engineers', '300', '--years', '2', '--seeds', '1..2'];
  it('writes agents.csv: one row per seed, month and place, and leaves series.csv as without it', async () => {
    const plain = path.join(TMP, 'plain');
    const sampled = path.join(TMP, 'agents');
    expect((await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--out', plain])).code).toBe(0);
    const r = await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--agents', '25', '--out', sampled]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('agents.csv (1,200 rows)');
    const lines = read(sampled, 'agents.csv').trimEnd().split('\n');
    expect(lines[0]).toBe('seed,month,place,uid,status,firm,firm_type,level,budget');
    expect(lines).toHaveLength(1 + 2 * 24 * 25); // seeds 1–2 × 24 months × 25 places
    for (const l of lines.slice(1)) expect(l.split(',')[4]).toMatch(/^(employed|unemployed|vacant)$/);
    expect(read(sampled, 'series.csv')).toBe(read(plain, 'series.csv'));
  });

  it('refuses a size out of range, and JSON output, in one line with exit 2', async () => {
    const out = path.join(TMP, 'bad-agents');
    const zero = await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--agents', '0', '--out', out]);
    expect([zero.code, zero.stderr.trim().split('\n')].flat()).toEqual([2, expect.stringContaining('--agents')]);
    const json = await runCli(['run', 'scenarios/baseline.json', ...SMALL, '--agents', '5', '--format', 'json', '--out', out]);
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--agents writes agents.csv: use it with --format csv');
    expect(existsSync(out)).toBe(false);
  });
});
