/** `tokensim sensitivity` end to end, through the real executable and worker pool. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sens-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const run = (args: string[]) => spawnSync(process.execPath, ['sim/cli/bin.mjs', 'sensitivity', ...args], { encoding: 'utf8' });

const spec = {
  name: 'tiny',
  description: 'A tiny Morris screening for the test.',
  base: path.resolve('scenarios/tunguz-100k.json'),
  factors: { 'production.sigma': [0.5, 3], 'engineers.tokenValuation': [0.2, 1.2] },
  outputs: [{ metric: 'token_spend_to_payroll', year: 1 }],
  method: 'morris',
  morris: { trajectories: 2, levels: 4 },
  engineers: 300,
  years: 1,
  seed: 3,
};

describe('tokensim sensitivity', () => {
  it('screens a spec on the worker pool, prints a ranking and writes json and csv', () => {
    const file = path.join(TMP, 'tiny.json');
    writeFileSync(file, JSON.stringify(spec));
    const out = path.join(TMP, 'out');
    const r = run([file, '--out', out, '--workers', '2', '--exact-workers']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('token_spend_to_payroll (all) at year 1 · share');
    expect(r.stdout).toContain('ranked by μ*:');
    const report = JSON.parse(readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(report.runs).toBe(2 * 3);
    expect(report.results[0].morris.map((m: { path: string }) => m.path).sort()).toEqual(['engineers.tokenValuation', 'production.sigma']);
    expect(readFileSync(path.join(out, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('output,group,year,factor,measure,value,lo95,hi95,unit');
  });

  it('runs replicate designs on their own seeds, bootstraps μ*, and writes the design matrix and a manifest', () => {
    const file = path.join(TMP, 'replicated.json');
    writeFileSync(file, JSON.stringify({ ...spec, morris: { trajectories: 2, levels: 4, replicates: 2, bootstrap: 100 } }));
    const out = path.join(TMP, 'replicated-out');
    const r = run([file, '--out', out, '--workers', '2', '--exact-workers']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/· 12 runs · 300 engineers · 1 year · seeds 3\.\.4$/m);
    expect(r.stdout).toContain('intervals: Morris μ*: percentile bootstrap 95% interval over the 4 trajectories (2 replicate designs), 100 resamples');
    const report = JSON.parse(readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(report).toMatchObject({ runs: 12, replicates: 2 });
    for (const m of report.results[0].morris) {
      expect(m.muStarLo).toBeLessThanOrEqual(m.muStar);
      expect(m.muStarHi).toBeGreaterThanOrEqual(m.muStar);
      expect(m.muStarByReplicate).toHaveLength(2);
    }
    const design = readFileSync(path.join(out, 'design.csv'), 'utf8').trimEnd().split('\n');
    expect(design[0]).toBe('point,replicate,seed,block,row,production.sigma,engineers.tokenValuation,token_spend_to_payroll.all.year1');
    expect(design).toHaveLength(1 + 12);
    expect(design[1]).toMatch(/^1,1,3,1,0,[\d.]+,[\d.]+,[\d.e-]+$/);
    expect(design[12]).toMatch(/^12,2,4,2,2,/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'tiny', method: 'morris', seeds: [3, 4], runs: 12, hashAlgorithm: 'sha256', package: { name: 'tokensim' } });
    expect(manifest.paramsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.command).toBe(`tokensim sensitivity ${file} --out ${out}`);
    expect(manifest.outputs[0]).toMatchObject({ metric: 'token_spend_to_payroll', unit: 'share', indexUnit: 'share per factor range' });
  });

  it('--workers is a ceiling: a design too short to repay a second worker runs on one, says so, and gives the same files', () => {
    const file = path.join(TMP, 'tiny.json');
    writeFileSync(file, JSON.stringify(spec));
    const exact = path.join(TMP, 'ceiling-exact');
    const capped = path.join(TMP, 'ceiling-capped');
    expect(run([file, '--out', exact, '--workers', '2', '--exact-workers']).stderr).toBe('');
    const r = run([file, '--out', capped, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^tokensim: starting 1 of the 2 workers asked for: 6 runs of under 0\.1 s of one core's work in all repay no more .*--exact-workers starts all 2\n$/);
    for (const f of ['sensitivity.json', 'sensitivity.csv', 'design.csv']) expect(readFileSync(path.join(capped, f), 'utf8')).toBe(readFileSync(path.join(exact, f), 'utf8'));
  });

  it('rejects a bad spec with exit 2, naming the field, and writes nothing', () => {
    const file = path.join(TMP, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...spec, factors: { 'production.sigma': [3, 0.5] } }));
    const out = path.join(TMP, 'bad-out');
    const r = run([file, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: .*factors\.production\.sigma: the range must have min < max/);
    expect(existsSync(out)).toBe(false);
  });
});

/** `tokensim <args>` in this process: exit code, stdout and stderr. */
const tokensim = (args: string[]) => runCli(args);

let counter = 0;
/** Writes `spec` with `over` applied to a fresh file and returns its path. */
function specFile(over: Record<string, unknown>): string {
  const file = path.join(TMP, `spec-${++counter}.json`);
  writeFileSync(file, JSON.stringify({ ...spec, ...over }));
  return file;
}

describe('tokensim sensitivity checks the spec before running anything', () => {
  it.each([
    [{ engineers: -1 }, 'engineers: Too small: expected number to be >=10'],
    [{ engineers: 5 }, 'engineers: Too small: expected number to be >=10'],
    [{ years: -1 }, 'years: Too small: expected number to be >=1'],
    [{ years: 51 }, 'years: Too big: expected number to be <=50'],
    [{ factors: { 'market.events.0.priceFactor': [0.5, 2] } }, 'factors.market.events.0.priceFactor: the base scenario has no market event 0'],
    [{ factors: { 'firmTypes.nope.firmShare': [0.1, 0.2] } }, 'factors.firmTypes.nope.firmShare: the base scenario has no firm type "nope" (it has bigtech, startup, midmarket)'],
    [{ outputs: [{ metric: 'headcount', group: 'nope', year: 1 }] }, 'outputs.0.group: metric headcount has no group "nope" (it has all, bigtech, startup, midmarket, junior, mid, senior, staff)'],
    [
      { outputs: [{ metric: 'headcount', year: 2 }] },
      'outputs.0.year: year 2 is past the 1-year horizon set by "years" in the spec: set outputs.0.year to at most 1 in the spec, pass --output-year 1 to read every output at year 1, or run longer (--years, or "years" in the spec)',
    ],
    [{ morris: { trajectories: 2, replicates: 2 }, seed: 2 ** 32 - 1 }, 'morris.replicates: replicate seeds run from seed to seed + replicates − 1, past 4294967295 (seed 4294967295); lower the seed'],
  ])('%j: exit 2, one line naming the field', async (over, message) => {
    const file = specFile(over);
    const out = path.join(TMP, `never-${counter}`);
    expect(await tokensim(['sensitivity', file, '--out', out])).toEqual({ code: 2, stdout: '', stderr: `tokensim: ${file}: ${message}\n` });
    expect(existsSync(out)).toBe(false);
  });

  it('--years shorter than an output year names the file, the field, --output-year and the spec field', async () => {
    const file = specFile({ years: 10, outputs: [{ metric: 'headcount', year: 10 }] });
    const r = await tokensim(['sensitivity', file, '--years', '3']);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `tokensim: ${file}: outputs.0.year: year 10 is past the 3-year horizon set by --years 3: set outputs.0.year to at most 3 in the spec, pass --output-year 3 to read every output at year 3, or run longer (--years, or "years" in the spec)\n`,
    });
    expect((await tokensim(['sensitivity', file, '--years', '3', '--output-year', '4'])).stderr).toBe(
      `tokensim: --output-year 4 is past the 3-year horizon of ${file} (at most 3, or run longer with --years)\n`,
    );
    expect((await tokensim(['sensitivity', file, '--output-year', '0'])).stderr).toBe("tokensim: --output-year must be an integer from 1 to 50 (got '0')\n");
  });

  it('a duplicate field is an error, as in scenario files', async () => {
    const file = path.join(TMP, 'duplicate.json');
    writeFileSync(file, JSON.stringify(spec).replace('"years":1', '"years":1,"years":2'));
    expect(await tokensim(['sensitivity', file])).toEqual({ code: 2, stdout: '', stderr: `tokensim: ${file}: years: duplicate field at line 1, column ${JSON.stringify(spec).indexOf('"years"') + 11}\n` });
  });

  it('--out naming an existing file is refused before the analysis runs', async () => {
    const out = path.join(TMP, 'a-file');
    writeFileSync(out, 'kept');
    expect(await tokensim(['sensitivity', specFile({}), '--out', out, '--workers', '1'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `tokensim: --out ${out} exists and is not a directory\n`,
    });
    expect(readFileSync(out, 'utf8')).toBe('kept');
  });
});

describe('tokensim validate and schema know sensitivity specs', () => {
  it("accepts the project's own example", async () => {
    expect(await tokensim(['validate', 'scenarios/sensitivity/tunguz-drivers.json'])).toEqual({ code: 0, stdout: 'ok scenarios/sensitivity/tunguz-drivers.json\n', stderr: '' });
  });

  it('reads a file with factors and outputs as a spec wherever it is, naming each problem', async () => {
    const good = specFile({});
    const bad = specFile({ factors: { 'firmTypes.nope.firmShare': [0.1, 0.2] } });
    expect(await tokensim(['validate', good, bad])).toEqual({
      code: 2,
      stdout: `ok ${good}\n`,
      stderr: `tokensim: ${bad}: factors.firmTypes.nope.firmShare: the base scenario has no firm type "nope" (it has bigtech, startup, midmarket)\n`,
    });
    const missingBase = specFile({ base: path.join(TMP, 'no-such-base.json') });
    expect((await tokensim(['validate', missingBase])).stderr).toBe(`tokensim: ${missingBase}: base: cannot read the base scenario ${path.join(TMP, 'no-such-base.json')}\n`);
  });

  it('schema --sensitivity prints the schema beside the specs; with --sweep it is refused', async () => {
    const r = await tokensim(['schema', '--sensitivity']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync('scenarios/sensitivity/sensitivity.schema.json', 'utf8'));
    expect(JSON.parse(r.stdout)).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'tokensim sensitivity spec' });
    expect(await tokensim(['schema', '--sweep', '--sensitivity'])).toEqual({ code: 2, stdout: '', stderr: 'tokensim: schema: give one of --sweep, --sensitivity or --calibration\n' });
  });
});
