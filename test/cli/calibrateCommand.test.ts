/** `tokensim calibrate` end to end, through the real executable and worker pool. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cal-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const BIN = 'sim/cli/bin.mjs';
const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'calibrate', ...args], { encoding: 'utf8' });

const spec = {
  name: 'tiny',
  description: 'Two parameters and three moments at a tiny size, for the test.',
  base: path.resolve('scenarios/baseline-static.json'),
  parameters: { 'labour.searchProbEmployed': [0.01, 0.3], 'labour.matchingEfficiency': [0.1, 2] },
  moments: [
    { name: 'job-finding rate', metric: 'job_finding_rate', window: [1, 2], target: 0.3, range: [0.2, 0.5], source: 'Shimer 2005' },
    { name: 'job-to-job share', metric: 'job_to_job_share_of_hires', window: [1, 2], target: 0.45, range: [0.35, 0.55], source: 'Fallick & Fleischman 2004' },
    { name: 'quit rate', metric: 'quit_rate_annual', window: [2, 2], statistic: 'last', target: 0.08, range: [0.05, 0.15], source: 'surveys' },
  ],
  seeds: [1, 2],
  engineers: 200,
  years: 2,
  optimizer: { screening: 4, starts: 2, maxEvaluations: 14 },
};
const specFile = path.join(TMP, 'tiny.json');
writeFileSync(specFile, JSON.stringify(spec));
const FILES = ['calibration.json', 'candidates.csv', 'estimates.csv', 'manifest.json', 'moments.csv', 'report.md', 'sensitivity.csv'];
/** The files of an output directory, with the directory's own name (in the manifest's command) written as <out>. */
const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8').replaceAll(dir, '<out>')]));

describe('tokensim calibrate', () => {
  let first: Record<string, string>;

  it('estimates two parameters from three moments and writes the report, tables and manifest', () => {
    const out = path.join(TMP, 'a');
    const r = run([specFile, '--out', out, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('### Estimates');
    expect(r.stdout).toContain('| `labour.searchProbEmployed` (On-the-job search) |');
    expect(r.stdout).toMatch(/Misfit test: e′\(Ω \+ Σ_sim\/S\)⁻¹e = [\d.]+ against χ²\(1\), p = /);
    first = filesOf(out);
    expect(Object.keys(first)).toEqual(FILES);
    const report = JSON.parse(first['calibration.json']);
    expect(report.estimates).toHaveLength(2);
    for (const e of report.estimates) {
      expect(e.estimate).toBeGreaterThan(e.lower);
      expect(e.estimate).toBeLessThan(e.upper);
    }
    expect(report.singularValues).toHaveLength(2);
    expect(report.jacobian.matrix).toHaveLength(3);
    expect(report.starts).toHaveLength(2);
    expect(first['estimates.csv'].split('\n')[0]).toBe('parameter,estimate,se,lo95,hi95,lower,upper,identified,unit');
    expect(first['candidates.csv'].split('\n')[0]).toBe('start,evaluation,labour.searchProbEmployed,labour.matchingEfficiency,job-finding rate,job-to-job share,quit rate,objective');
    expect(first['candidates.csv'].trimEnd().split('\n')).toHaveLength(1 + report.candidates);
    const manifest = JSON.parse(first['manifest.json']);
    expect(manifest).toMatchObject({ name: 'tiny', seeds: [1, 2], engineers: 200, years: 2, runs: report.runs });
    expect(manifest.command).not.toContain('--workers');
    expect(existsSync(path.join(out, 'journal.jsonl'))).toBe(false);
  });

  it('gives the same bytes on one worker as on two', () => {
    const out = path.join(TMP, 'b');
    const r = run([specFile, '--out', out, '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(filesOf(out)).toEqual(first);
  });

  it('resumes after Ctrl-C from its journal and writes the same bytes as an uninterrupted calibration', async () => {
    const out = path.join(TMP, 'c');
    const child = spawn(process.execPath, [BIN, 'calibrate', specFile, '--out', out, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const journal = path.join(out, 'journal.jsonl');
    const deadline = Date.now() + 60_000;
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').split('\n').length > 12) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toContain(`rerun with --resume to continue`);
    expect(statSync(journal).size).toBeGreaterThan(0);
    expect(existsSync(path.join(out, 'calibration.json'))).toBe(false);

    const refused = run([specFile, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`tokensim: ${out} holds an unfinished calibration (journal.jsonl); add --resume to reuse its runs, or use another directory\n`);

    const resumed = run([specFile, '--out', out, '--resume', '--workers', '2']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/reused \d+ journalled runs/);
    expect(filesOf(out)).toEqual(first);
  });

  it('refuses a journal of another spec, a missing --out and a bad spec, each in one line', () => {
    const out = path.join(TMP, 'd');
    const other = path.join(TMP, 'other.json');
    writeFileSync(other, JSON.stringify({ ...spec, seeds: [3, 4] }));
    // A journal left by some other calibration.
    const dir = path.join(TMP, 'e');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'journal.jsonl'), JSON.stringify({ journal: 'tokensim-calibrate', specHash: 'x', paramsHash: 'y', version: 'z' }) + '\n');
    const r = run([other, '--out', dir, '--resume']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tokensim: ${path.join(dir, 'journal.jsonl')} belongs to another spec, base or version; use another directory (or delete it to start over)\n`);
    const noOut = run([specFile]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toMatch(/^tokensim: calibrate: --out <dir> is required/);
    const bad = path.join(TMP, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...spec, moments: spec.moments.slice(0, 1) }));
    const b = run([bad, '--out', out]);
    expect(b.status).toBe(2);
    expect(b.stderr).toBe(`tokensim: ${bad}: moments: 1 moment cannot pin 2 parameters: give at least as many moments as parameters\n`);
    expect(existsSync(out)).toBe(false);
  });
});
