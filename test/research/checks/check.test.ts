/**
 * The seeded regression check: it passes on the committed golden files, fails with a table
 * of differences when an engine constant is perturbed in-process, and --update rewrites the
 * golden files.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_GOLDEN_DIR, DEFAULT_SCENARIOS_DIR, runCheck } from '../../../sim/cli/commands/checkCommand.ts';
import { CHECK_SIZE, compareGolden, formatDifferences, goldenText, parseGolden, roundGolden, type GoldenFile } from '../../../sim/research/checks/golden.ts';
import { METRIC_DEFS } from '../../../sim/run/metricDefs.ts';
import { runCli } from '../../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-check-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let counter = 0;

/** A copy of the committed golden files to change freely. */
function goldenCopy(): string {
  const dir = path.join(TMP, `golden-${++counter}`);
  cpSync(DEFAULT_GOLDEN_DIR, dir, { recursive: true });
  return dir;
}

const cli = (args: string[]) => runCli(args);

const scenarioNames = readdirSync(DEFAULT_SCENARIOS_DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

describe('tokensim check', () => {
  it('has one golden file per scenario, with every metric of group all at each year end', () => {
    expect(readdirSync(DEFAULT_GOLDEN_DIR).sort()).toEqual(scenarioNames.map((n) => `${n}.json`).sort());
    const g = parseGolden(readFileSync(path.join(DEFAULT_GOLDEN_DIR, 'baseline.json'), 'utf8'));
    expect(g).toMatchObject({ scenario: 'baseline', engineers: 1000, years: 3, seeds: [1, 2], group: 'all', months: [12, 24, 36], digits: 6 });
    expect(Object.keys(g.values)).toEqual(METRIC_DEFS.map((d) => d.name));
  });

  it('passes on the committed golden files (exit 0)', async () => {
    const r = await cli(['check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`check: ${scenarioNames.length} scenarios match ${DEFAULT_GOLDEN_DIR} (1,000 engineers, 3 years, seeds 1 and 2; group all, months 12, 24, 36)\n`);
    expect(r.code).toBe(0);
  });

  it('fails when production.effectiveComputePerMTokens is perturbed by 1 %, listing what moved', async () => {
    const outcome = await runCheck({ perturb: (p) => void (p.production.effectiveComputePerMTokens *= 1.01), only: ['baseline', 'substitutes'] });
    expect(outcome.scenarios).toEqual(['baseline', 'substitutes']);
    expect(outcome.problems).toEqual([]);
    expect(new Set(outcome.differences.map((d) => d.scenario))).toEqual(new Set(['baseline', 'substitutes']));
    expect(outcome.differences.map((d) => d.metric)).toContain('output_per_engineer');
    const table = formatDifferences(outcome.differences, 5);
    expect(table.split('\n')[0]).toMatch(/^scenario\s+metric\s+group\s+seed\s+month\s+expected\s+got\s+change$/);
    expect(table).toMatch(/^baseline\s+\S+\s+all\s+[12]\s+(12|24|36)\s+\S+\s+\S+\s+[+-][\d.]+%$/m);
    expect(table).toContain(`${outcome.differences.length} values differ in 2 scenarios`);
  });

  it('--hashes prints the SHA-256 parameter and result hashes tokensim run writes for the same runs', async () => {
    const scenarios = path.join(TMP, `scenarios-${++counter}`);
    const golden = path.join(TMP, `golden-${++counter}`);
    for (const [from, to] of [[DEFAULT_SCENARIOS_DIR, scenarios], [DEFAULT_GOLDEN_DIR, golden]]) cpSync(path.join(from, 'baseline.json'), path.join(to, 'baseline.json'));
    const checked = await cli(['check', '--hashes', '--scenarios', scenarios, '--golden', golden]);
    expect(checked.code).toBe(0);
    const rows = checked.stdout.split('\n').filter((l) => l.startsWith('baseline '));
    const out = path.join(TMP, `run-${++counter}`);
    const ran = await cli(['run', path.join(scenarios, 'baseline.json'), '--engineers', '1000', '--years', '3', '--seeds', '1..2', '--workers', '1', '--out', out]);
    expect(ran.code).toBe(0);
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { paramsHash: string; runs: { seed: number; resultHash: string }[] };
    expect(m.paramsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows).toEqual(m.runs.map((r) => `baseline     ${r.seed}  ${m.paramsHash}  ${r.resultHash}`));
    expect(checked.stdout.split('\n')[0]).toMatch(/^scenario\s+seed\s+paramsHash\s+resultHash$/);
  });

  it('fails when a token-market constant is perturbed', async () => {
    const outcome = await runCheck({ perturb: (p) => void (p.market.priceDeclineLongRun *= 1.01), only: ['tunguz-100k'] });
    expect(outcome.differences.length).toBeGreaterThan(0);
    expect(outcome.differences.map((d) => d.metric)).toContain('token_price_retail');
  });

  it('passes in-process with no perturbation (the goldens are what this code computes)', async () => {
    const outcome = await runCheck({ only: ['tunguz-100k', 'complements'] });
    expect(outcome.differences).toEqual([]);
    expect(outcome.problems).toEqual([]);
  });

  it('exits 1 with the table on stdout when a golden value differs', async () => {
    const dir = goldenCopy();
    const file = path.join(dir, 'baseline.json');
    const g = parseGolden(readFileSync(file, 'utf8'));
    const row = g.values.headcount['1'];
    row[2] = (row[2] as number) + 1;
    writeFileSync(file, goldenText(g));
    const r = await cli(['check', '--golden', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^scenario\s+metric\s+group\s+seed\s+month\s+expected\s+got\s+change\n/);
    expect(r.stdout).toMatch(new RegExp(`^baseline\\s+headcount\\s+all\\s+1\\s+36\\s+${g.values.headcount['1'][2]}\\s+${g.values.headcount['1'][2]! - 1}\\s+-[\\d.]+%$`, 'm'));
    expect(r.stdout).toContain('1 value differs in 1 scenario');
    expect(r.stdout).toContain('check: FAILED');
  });

  it('exits 1 naming a missing golden file', async () => {
    const dir = goldenCopy();
    unlinkSync(path.join(dir, 'cash-freeze.json'));
    const r = await cli(['check', '--golden', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`cash-freeze: no golden file ${path.join(dir, 'cash-freeze.json')} (run tokensim check --update)`);
  });

  it('--update rewrites changed golden files, removes stale ones, and the check then passes', async () => {
    const dir = goldenCopy();
    const file = path.join(dir, 'complements.json');
    const committed = readFileSync(file, 'utf8');
    writeFileSync(file, committed.replace(/"headcount": \{"1":\[\d+/, '"headcount": {"1":[1'));
    writeFileSync(path.join(dir, 'retired-scenario.json'), committed);
    expect((await cli(['check', '--golden', dir])).code).toBe(1);
    const r = await cli(['check', '--update', '--golden', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote 1 golden file, ${scenarioNames.length - 1} unchanged, removed 1 in ${dir}`);
    expect(readFileSync(file, 'utf8')).toBe(committed);
    expect(readdirSync(dir).sort()).toEqual(scenarioNames.map((n) => `${n}.json`).sort());
    expect((await cli(['check', '--golden', dir])).code).toBe(0);
  });

  it('rejects unknown flags and arguments with exit 2', async () => {
    expect(await cli(['check', '--updat'])).toMatchObject({ code: 2, stderr: "tokensim: unknown option --updat for 'check'; did you mean --update? (see tokensim check --help)\n" });
    expect(await cli(['check', 'scenarios/baseline.json'])).toMatchObject({ code: 2, stderr: "tokensim: check: unexpected argument 'scenarios/baseline.json' (check takes no files; see --scenarios)\n" });
  });
});

describe('golden values and comparison', () => {
  it('rounds to 6 significant digits, NaN to null, never -0', () => {
    expect(roundGolden(187234.5678)).toBe(187235);
    expect(roundGolden(0.012345678)).toBe(0.0123457);
    expect(roundGolden(Number.NaN)).toBeNull();
    expect(Object.is(roundGolden(-1e-30 * 0), 0)).toBe(true);
  });

  const golden = (values: GoldenFile['values']): GoldenFile => ({
    scenario: 's',
    engineers: CHECK_SIZE.engineers,
    years: CHECK_SIZE.years,
    seeds: [1],
    group: 'all',
    months: [12, 24, 36],
    digits: 6,
    values,
  });

  it('reports changed, new and removed values, NaN equal to NaN', () => {
    const expected = golden({ a: { '1': [1, null, 3] }, gone: { '1': [1, 1, 1] } });
    const actual = golden({ a: { '1': [1, null, 3.00001] }, fresh: { '1': [2, 2, 2] } });
    const diffs = compareGolden(expected, actual);
    expect(diffs.map((d) => [d.metric, d.month, d.expected, d.got])).toEqual([
      ['a', 36, 3, 3.00001],
      ['fresh', 12, undefined, 2],
      ['fresh', 24, undefined, 2],
      ['fresh', 36, undefined, 2],
      ['gone', 12, 1, undefined],
      ['gone', 24, 1, undefined],
      ['gone', 36, 1, undefined],
    ]);
  });

  it('writes one metric per line and reads it back', () => {
    const g = golden({ a: { '1': [1, null, 3] }, b: { '1': [0.5, 0.25, 0] } });
    const text = goldenText(g);
    expect(text).toContain('\n    "a": {"1":[1,null,3]},\n    "b": {"1":[0.5,0.25,0]}\n');
    expect(parseGolden(text)).toEqual(g);
  });
});
