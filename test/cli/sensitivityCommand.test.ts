/** `tokensim sensitivity` end to end, through the real executable and worker pool. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

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
    const r = run([file, '--out', out, '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('token_spend_to_payroll (all) at year 1');
    expect(r.stdout).toContain('ranked by μ*:');
    const report = JSON.parse(readFileSync(path.join(out, 'sensitivity.json'), 'utf8'));
    expect(report.runs).toBe(2 * 3);
    expect(report.results[0].morris.map((m: { path: string }) => m.path).sort()).toEqual(['engineers.tokenValuation', 'production.sigma']);
    expect(readFileSync(path.join(out, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('output,group,year,factor,measure,value,lo95,hi95');
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
